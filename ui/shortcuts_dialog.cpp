#include "ui/shortcuts_dialog.h"

#include "ui/actions.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QKeySequence>
#include <QMap>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace gitvqa {

namespace {

QString keysText(const QList<QKeySequence>& keys)
{
    QStringList parts;
    for (const QKeySequence& k : keys)
        parts << k.toString(QKeySequence::NativeText);
    return parts.join(QStringLiteral(", "));
}

QString plainText(QString s) { return s.remove(QLatin1Char('&')); }

} // namespace

ShortcutsDialog::ShortcutsDialog(const Actions& actions, QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    setAccessibleName(tr("Keyboard shortcuts"));
    setAccessibleDescription(tr("Every keyboard shortcut of the window, grouped by what it acts on"));
    resize(620, 520);

    m_tree = new QTreeWidget(this);
    m_tree->setColumnCount(3);
    m_tree->setHeaderLabels({tr("Command"), tr("Keys"), tr("What it does")});
    m_tree->setRootIsDecorated(false);
    m_tree->setAccessibleName(tr("Shortcut list"));
    m_tree->setAccessibleDescription(tr("Commands, their keys and what they do"));

    QMap<QString, QTreeWidgetItem*> groups;
    auto groupFor = [&](const QString& name) {
        if (!groups.contains(name)) {
            auto* g = new QTreeWidgetItem(m_tree, {name});
            QFont f = g->font(0);
            f.setBold(true);
            g->setFont(0, f);
            g->setFirstColumnSpanned(true);
            groups.insert(name, g);
        }
        return groups.value(name);
    };
    for (QAction* a : actions.all()) {
        if (a->shortcuts().isEmpty())
            continue;
        auto* item = new QTreeWidgetItem(groupFor(actions.category(Actions::idOf(a))),
                                         {plainText(a->text()), keysText(a->shortcuts()), a->statusTip()});
        item->setData(0, Qt::UserRole, a->objectName());
    }
    QTreeWidgetItem* box = groupFor(tr("Question box"));
    new QTreeWidgetItem(box, {tr("Ask"), QKeySequence(Qt::Key_Return).toString(QKeySequence::NativeText),
                              tr("Send the question about the marked segment or the playhead")});
    new QTreeWidgetItem(box, {tr("New line"), QKeySequence(Qt::SHIFT | Qt::Key_Return).toString(QKeySequence::NativeText),
                              tr("Start a new line in the question")});
    new QTreeWidgetItem(box, {tr("Last question"), QKeySequence(Qt::Key_Up).toString(QKeySequence::NativeText),
                              tr("In an empty box: bring back the last question")});
    new QTreeWidgetItem(box, {tr("Leave the box"), QKeySequence(Qt::Key_Escape).toString(QKeySequence::NativeText),
                              tr("Give the keys back to the player (shortcuts do not act while typing)")});
    // Keys that are no action of their own: the volume actions' plain arrows, taken only by the focused video.
    QTreeWidgetItem* video = groupFor(tr("Video (when it has the focus)"));
    new QTreeWidgetItem(video, {tr("Volume up"), QKeySequence(Qt::Key_Up).toString(QKeySequence::NativeText),
                                tr("Louder by 5 %")});
    new QTreeWidgetItem(video, {tr("Volume down"), QKeySequence(Qt::Key_Down).toString(QKeySequence::NativeText),
                                tr("Quieter by 5 %")});
    m_tree->expandAll();
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_tree);
    layout->addWidget(buttons);
}

} // namespace gitvqa
