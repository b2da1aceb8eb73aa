#pragma once
// Scan Video…: one question over the whole video (or the marked segment), window by window. Asks for the question,
// the window width and the stride (defaults: the app's window, no overlap), or a description instead of a question
// for captioning checkpoints.

#include <QDialog>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace gitvqa {

struct ScanOptions {
    QString question;
    bool describe = false;
    double window = 10.0;
    double stride = 0.0; // 0 = window
};

class ScanDialog : public QDialog {
    Q_OBJECT
public:
    // `range`: what is scanned, in words ("the whole video", "the marked segment 00:10–00:40").
    ScanDialog(const ScanOptions& defaults, const QString& range, QWidget* parent = nullptr);

    ScanOptions options() const;
    QLineEdit* questionEdit() const { return m_question; }
    QDoubleSpinBox* windowSpin() const { return m_window; }
    QDoubleSpinBox* strideSpin() const { return m_stride; }
    QCheckBox* describeCheck() const { return m_describe; }

private:
    void updateOk();

    QLineEdit* m_question = nullptr;
    QCheckBox* m_describe = nullptr;
    QDoubleSpinBox* m_window = nullptr;
    QDoubleSpinBox* m_stride = nullptr;
    QPushButton* m_ok = nullptr;
};

} // namespace gitvqa
