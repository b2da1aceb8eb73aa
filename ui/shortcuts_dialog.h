#pragma once
// Help → Keyboard Shortcuts (also `?`): every registered action with its keys, grouped, plus the keys of the
// question box, which are not actions because they only mean something while typing.

#include <QDialog>

class QTreeWidget;

namespace gitvqa {

class Actions;

class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutsDialog(const Actions& actions, QWidget* parent = nullptr);
    QTreeWidget* tree() const { return m_tree; }

private:
    QTreeWidget* m_tree = nullptr;
};

} // namespace gitvqa
