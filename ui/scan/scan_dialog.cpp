#include "ui/scan/scan_dialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace gitvqa {

ScanDialog::ScanDialog(const ScanOptions& defaults, const QString& range, QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Scan Video"));
    setAccessibleName(tr("Scan video"));

    auto* intro = new QLabel(tr("Ask one question about every window of %1; the answers appear on the timeline.").arg(range), this);
    intro->setWordWrap(true);

    m_question = new QLineEdit(defaults.question, this);
    m_question->setPlaceholderText(tr("e.g. is there a dog?"));
    m_question->setAccessibleName(tr("Question"));
    m_describe = new QCheckBox(tr("Describe each window instead (captioning models)"), this);
    m_describe->setChecked(defaults.describe);
    m_describe->setAccessibleDescription(tr("No question: the model writes a caption for every window"));

    m_window = new QDoubleSpinBox(this);
    m_window->setRange(1.0, 600.0);
    m_window->setDecimals(1);
    m_window->setSuffix(tr(" s"));
    m_window->setValue(defaults.window);
    m_window->setAccessibleName(tr("Window width"));
    m_stride = new QDoubleSpinBox(this);
    m_stride->setRange(0.0, 600.0);
    m_stride->setDecimals(1);
    m_stride->setSuffix(tr(" s"));
    m_stride->setSpecialValueText(tr("Same as the window (no overlap)"));
    m_stride->setValue(defaults.stride);
    m_stride->setAccessibleName(tr("Stride"));
    m_stride->setAccessibleDescription(tr("Seconds from one window's start to the next; smaller than the window "
                                          "makes the windows overlap"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Question:"), m_question);
    form->addRow(QString(), m_describe);
    form->addRow(tr("&Window:"), m_window);
    form->addRow(tr("&Stride:"), m_stride);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Scan"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_question, &QLineEdit::textChanged, this, &ScanDialog::updateOk);
    connect(m_describe, &QCheckBox::toggled, this, &ScanDialog::updateOk);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(buttons);
    updateOk();
}

void ScanDialog::updateOk()
{
    m_question->setEnabled(!m_describe->isChecked());
    m_ok->setEnabled(m_describe->isChecked() || !m_question->text().trimmed().isEmpty());
}

ScanOptions ScanDialog::options() const
{
    ScanOptions o;
    o.describe = m_describe->isChecked();
    o.question = o.describe ? QString() : m_question->text().trimmed();
    o.window = m_window->value();
    o.stride = m_stride->value();
    return o;
}

} // namespace gitvqa
