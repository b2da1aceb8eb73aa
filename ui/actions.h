#pragma once
// Every command of the window as a named QAction with its default shortcut, registered here and nowhere else (as
// Kdenlive does), so menus, buttons and the shortcuts dialog show the same names and keys, and a later
// "configure shortcuts" only has to walk this list.

#include <QList>
#include <QObject>
#include <QString>

#include <vector>

class QAction;
class QWidget;

namespace gitvqa {

enum class ActionId {
    OpenVideo,
    Quit,
    Settings,
    ManageModels,
    ExportTranscript,
    PlayPause,
    SeekBack,
    SeekForward,
    FrameBack,
    FrameForward,
    ShuttleBack,
    ShuttlePause,
    ShuttleForward,
    NormalSpeed,
    Mute,
    FullScreen,
    MarkIn,
    MarkOut,
    ClearSegment, // Esc: also leaves full screen
    ScanVideo,
    FocusQuestion,
    KeyboardShortcuts,
    About,
};

class Actions : public QObject {
    Q_OBJECT
public:
    // The actions are added to `window` with Qt::WindowShortcut: they work wherever the focus is in that window,
    // except in widgets that take the keys for themselves (the question box takes every plain key).
    explicit Actions(QWidget* window);

    QAction* get(ActionId id) const;
    QList<QAction*> all() const;
    // Group shown in the shortcuts dialog ("Playback", "Segment", ...), translated.
    QString category(ActionId id) const;
    static ActionId idOf(const QAction* action);

private:
    struct Entry {
        ActionId id;
        QAction* action;
        const char* category;
    };
    std::vector<Entry> m_entries;
};

} // namespace gitvqa
