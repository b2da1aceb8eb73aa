#include "ui/chat/unsaved_transcript_prompt.h"

#include "ui/chat/chat_transcript.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>

namespace gitvqa {

namespace {

// The translation context of these sentences (the functions here are free functions, not QObjects).
struct Text {
    Q_DECLARE_TR_FUNCTIONS(gitvqa::UnsavedTranscriptPrompt)
};

} // namespace

bool confirmCloseWithUnsavedTranscript(QWidget* parent, ChatTranscript& transcript,
                                       const std::function<QString()>& chooseFile)
{
    if (transcript.saveNow())   // the final save is waited for; nothing to ask when it worked
        return true;
    QString problem = transcript.lastError();
    for (;;) {
        QMessageBox box(QMessageBox::Warning, Text::tr("Transcript Not Saved"),
                        Text::tr("The answers about this video are not saved."), QMessageBox::NoButton, parent);
        box.setInformativeText(problem.isEmpty() ? Text::tr("They could not be written to the session folder.")
                                                 : problem);
        QPushButton* saveAs = box.addButton(Text::tr("Save Transcript As…"), QMessageBox::AcceptRole);
        QPushButton* discard = box.addButton(Text::tr("Quit Without Saving"), QMessageBox::DestructiveRole);
        box.addButton(QMessageBox::Cancel);
        box.setDefaultButton(saveAs);
        box.exec();
        if (box.clickedButton() == discard)
            return true;
        if (box.clickedButton() != saveAs)
            return false;
        const QString suggested = QDir::home().filePath(
            QFileInfo(transcript.filePath()).fileName().isEmpty() ? QStringLiteral("transcript.json")
                                                                  : QFileInfo(transcript.filePath()).fileName());
        const QString path = chooseFile ? chooseFile()
                                        : QFileDialog::getSaveFileName(parent, Text::tr("Save Transcript As"),
                                                                       suggested,
                                                                       Text::tr("gitvqa transcripts (*.json)"));
        if (path.isEmpty())
            continue;   // back to the question: nothing was saved yet
        QString error;
        if (transcript.saveCopyAs(path, &error))
            return true;
        problem = error;
    }
}

} // namespace gitvqa
