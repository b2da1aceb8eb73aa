#include "ui/chat/chat_no_model_panel.h"

#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace gitvqa {

ChatNoModelPanel::ChatNoModelPanel(QWidget* parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("noModelPanel"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    setAccessibleName(tr("No model"));
    setAccessibleDescription(tr("The question-answering model is missing; choose the folder that holds it"));

    auto* title = new QLabel(tr("<h3>No model yet</h3>"), this);
    title->setAccessibleName(tr("No model yet"));

    m_reason = new QLabel(this);
    m_reason->setWordWrap(true);
    m_reason->setTextFormat(Qt::PlainText);
    m_reason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reason->setAccessibleName(tr("What is missing"));

    const QString hubCache = QDir::toNativeSeparators(QDir::homePath() + QStringLiteral("/.cache/huggingface/hub"));
    auto* help = new QLabel(this);
    help->setWordWrap(true);
    help->setTextFormat(Qt::RichText);
    help->setOpenExternalLinks(true);
    help->setTextInteractionFlags(Qt::TextBrowserInteraction);
    help->setText(tr("<p>gitvqa answers with Microsoft's GIT video model, <b>microsoft/git-base-msrvtt-qa</b> "
                     "(about 700 MB), published on <a href='https://huggingface.co/microsoft/git-base-msrvtt-qa'>"
                     "Hugging Face</a>. Download the whole folder — config.json, model.safetensors (or "
                     "pytorch_model.bin), vocab.txt or tokenizer.json and preprocessor_config.json — for example "
                     "with <code>huggingface-cli download microsoft/git-base-msrvtt-qa</code>, then choose that "
                     "folder here.</p><p>A copy in the Hugging Face cache (<code>%1</code>) is found on its "
                     "own.</p>").arg(hubCache.toHtmlEscaped()));
    help->setAccessibleName(tr("Where the model comes from"));

    m_choose = new QPushButton(tr("Choose Model Folder…"), this);
    m_choose->setAccessibleName(tr("Choose model folder"));
    m_choose->setAccessibleDescription(tr("Pick the folder that holds the model's files"));
    connect(m_choose, &QPushButton::clicked, this, &ChatNoModelPanel::chooseFolderRequested);

    m_buttons = new QHBoxLayout;
    m_buttons->addWidget(m_choose);
    m_buttons->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 16);
    layout->addWidget(title);
    layout->addWidget(m_reason);
    layout->addWidget(help);
    layout->addLayout(m_buttons);
    layout->addStretch(1);
    setReason(tr("No model folder is set."));
}

void ChatNoModelPanel::setReason(const QString& reason) { m_reason->setText(reason); }

QString ChatNoModelPanel::reason() const { return m_reason->text(); }

void ChatNoModelPanel::addButton(QAbstractButton* button) { m_buttons->insertWidget(m_buttons->count() - 1, button); }

} // namespace gitvqa
