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
    // The chat (issue 13): the latest or focused exchange.
    StopAnswer,       // also Esc while an answer streams (ClearSegment's key)
    RegenerateAnswer,
    CopyAnswer,
    EditQuestion,
    UndoRemove,
    ClearTranscript,
    KeyboardShortcuts,
    About,
    // Player keys (issue 13): go to a time, volume, question markers from the keyboard.
    GoToTime,
    VolumeUp,
    VolumeDown,
    PreviousMarker, // the timeline's own keys: they act while it has the focus (or from the menu)
    NextMarker,
    RevealMarker,
};

class Actions : public QObject {
    Q_OBJECT
public:
    // The actions are added to `window` with Qt::WindowShortcut: they work wherever the focus is in that window,
    // except in widgets that take the keys for themselves (the question box takes every plain key). Those of one
    // widget (isWidgetOnly: the timeline's marker keys, so Ctrl+←/→ keeps moving by words in the question box) are
    // Qt::WidgetShortcut and act once that widget adds them (QWidget::addAction).
    explicit Actions(QWidget* window);
    static bool isWidgetOnly(ActionId id);

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
