#pragma once
// Shown in the chat area while there is no usable model: what is missing, where the model can come from, and a
// button to choose its folder. The model download manager (another part of the app) adds its own button through
// addButton(); nothing here pretends to download.

#include <QFrame>

class QAbstractButton;
class QHBoxLayout;
class QLabel;
class QPushButton;

namespace gitvqa {

class ChatNoModelPanel : public QFrame {
    Q_OBJECT
public:
    explicit ChatNoModelPanel(QWidget* parent = nullptr);

    // Why there is no model: "No model folder is set." or the loader's message about the chosen folder.
    void setReason(const QString& reason);
    QString reason() const;
    QPushButton* chooseButton() const { return m_choose; }
    // The hook for other ways to get a model (a download manager): the button joins "Choose Model Folder…".
    void addButton(QAbstractButton* button);

Q_SIGNALS:
    void chooseFolderRequested();

private:
    QLabel* m_reason = nullptr;
    QPushButton* m_choose = nullptr;
    QHBoxLayout* m_buttons = nullptr;
};

} // namespace gitvqa
