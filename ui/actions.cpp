#include "ui/actions.h"

#include <QAction>
#include <QCoreApplication>
#include <QKeySequence>
#include <QWidget>

namespace gitvqa {

namespace {

struct Spec {
    ActionId id;
    const char* name; // objectName: stable, for a shortcut editor and tests
    const char* text;
    const char* help;
    const char* category;
    QList<QKeySequence> keys;
    bool checkable = false;
    bool widgetOnly = false; // Qt::WidgetShortcut, see Actions::isWidgetOnly
};

const char* const kFile = QT_TRANSLATE_NOOP("gitvqa::Actions", "File");
const char* const kPlayback = QT_TRANSLATE_NOOP("gitvqa::Actions", "Playback");
const char* const kSegment = QT_TRANSLATE_NOOP("gitvqa::Actions", "Segment");
const char* const kView = QT_TRANSLATE_NOOP("gitvqa::Actions", "View");
const char* const kHelp = QT_TRANSLATE_NOOP("gitvqa::Actions", "Help");
const char* const kChat = QT_TRANSLATE_NOOP("gitvqa::Actions", "Chat");
const char* const kTimeline = QT_TRANSLATE_NOOP("gitvqa::Actions", "Timeline (when it has the focus)");

std::vector<Spec> specs()
{
    using K = QKeySequence;
    return {
        {ActionId::OpenVideo, "open_video", QT_TRANSLATE_NOOP("gitvqa::Actions", "&Open Video…"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Open a video file"), kFile, {K(K::Open)}},
        {ActionId::Quit, "quit", QT_TRANSLATE_NOOP("gitvqa::Actions", "&Quit"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Close the application"), kFile, {K(K::Quit)}},
        {ActionId::Settings, "settings", QT_TRANSLATE_NOOP("gitvqa::Actions", "&Settings…"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Model, device, decoding and question window"), kFile,
         {K(Qt::CTRL | Qt::Key_Comma)}},
        {ActionId::ManageModels, "manage_models", QT_TRANSLATE_NOOP("gitvqa::Actions", "&Models…"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Find, download and choose the model that answers"), kFile, {}},
        {ActionId::ExportTranscript, "export_transcript", QT_TRANSLATE_NOOP("gitvqa::Actions", "&Export Transcript…"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Save the questions and answers as Markdown, JSON, CSV, SRT, WebVTT or HTML"),
         kFile, {K(Qt::CTRL | Qt::Key_E)}},
        {ActionId::PlayPause, "play_pause", QT_TRANSLATE_NOOP("gitvqa::Actions", "&Play/Pause"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Start or pause playback"), kPlayback, {K(Qt::Key_Space)}},
        {ActionId::SeekBack, "seek_back", QT_TRANSLATE_NOOP("gitvqa::Actions", "Back 5 Seconds"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Jump 5 seconds back"), kPlayback, {K(Qt::Key_Left)}},
        {ActionId::SeekForward, "seek_forward", QT_TRANSLATE_NOOP("gitvqa::Actions", "Forward 5 Seconds"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Jump 5 seconds forward"), kPlayback, {K(Qt::Key_Right)}},
        {ActionId::FrameBack, "frame_back", QT_TRANSLATE_NOOP("gitvqa::Actions", "Previous Frame"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Pause and step one frame back"), kPlayback,
         {K(Qt::SHIFT | Qt::Key_Left), K(Qt::Key_Comma)}},
        {ActionId::FrameForward, "frame_forward", QT_TRANSLATE_NOOP("gitvqa::Actions", "Next Frame"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Pause and step one frame forward"), kPlayback,
         {K(Qt::SHIFT | Qt::Key_Right), K(Qt::Key_Period)}},
        {ActionId::ShuttleBack, "shuttle_back", QT_TRANSLATE_NOOP("gitvqa::Actions", "Shuttle Back"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Slower when fast-forwarding, otherwise jump 5 seconds back"),
         kPlayback, {K(Qt::Key_J)}},
        {ActionId::ShuttlePause, "shuttle_pause", QT_TRANSLATE_NOOP("gitvqa::Actions", "Shuttle Pause"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Pause playback"), kPlayback, {K(Qt::Key_K)}},
        {ActionId::ShuttleForward, "shuttle_forward", QT_TRANSLATE_NOOP("gitvqa::Actions", "Shuttle Forward"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Play; press again to play faster (up to 2×)"), kPlayback,
         {K(Qt::Key_L)}},
        {ActionId::NormalSpeed, "normal_speed", QT_TRANSLATE_NOOP("gitvqa::Actions", "Normal Speed"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Play at 1×"), kPlayback, {K(Qt::Key_Backspace)}},
        {ActionId::Mute, "mute", QT_TRANSLATE_NOOP("gitvqa::Actions", "&Mute"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Mute or unmute the sound"), kPlayback, {K(Qt::Key_M)}, true},
        {ActionId::FullScreen, "full_screen", QT_TRANSLATE_NOOP("gitvqa::Actions", "&Full Screen"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Show the video on the whole screen (also double-click the video)"),
         kView, {K(Qt::Key_F)}, true},
        {ActionId::MarkIn, "mark_in", QT_TRANSLATE_NOOP("gitvqa::Actions", "Mark &In"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Start the segment to ask about here"), kSegment, {K(Qt::Key_I)}},
        {ActionId::MarkOut, "mark_out", QT_TRANSLATE_NOOP("gitvqa::Actions", "Mark &Out"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "End the segment to ask about here"), kSegment, {K(Qt::Key_O)}},
        {ActionId::ClearSegment, "clear_segment", QT_TRANSLATE_NOOP("gitvqa::Actions", "&Clear Segment"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Forget the marked segment (in full screen: leave full screen)"),
         kSegment, {K(Qt::Key_Escape)}},
        {ActionId::ScanVideo, "scan_video", QT_TRANSLATE_NOOP("gitvqa::Actions", "S&can Video…"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Ask one question about every window of the video (or of the marked segment)"),
         kSegment, {K(Qt::CTRL | Qt::SHIFT | Qt::Key_S)}},
        {ActionId::FocusQuestion, "focus_question", QT_TRANSLATE_NOOP("gitvqa::Actions", "Ask a &Question"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Move the keyboard focus to the question box"), kView,
         {K(Qt::CTRL | Qt::Key_L)}},
        {ActionId::StopAnswer, "stop_answer", QT_TRANSLATE_NOOP("gitvqa::Actions", "&Stop Answer"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Stop the answer coming in (Esc); the words so far are kept"), kChat, {}},
        {ActionId::RegenerateAnswer, "regenerate_answer", QT_TRANSLATE_NOOP("gitvqa::Actions", "&Regenerate Answer"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Ask the latest (or focused) question again; the earlier answer is kept"),
         kChat, {K(Qt::CTRL | Qt::Key_R)}},
        {ActionId::CopyAnswer, "copy_answer", QT_TRANSLATE_NOOP("gitvqa::Actions", "&Copy Answer"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Copy the latest (or focused) answer to the clipboard"), kChat,
         {K(Qt::CTRL | Qt::SHIFT | Qt::Key_C)}},
        {ActionId::EditQuestion, "edit_question", QT_TRANSLATE_NOOP("gitvqa::Actions", "&Edit Question"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Put the latest (or focused) question back into the box to change and ask again"),
         kChat, {K(Qt::Key_F2)}},
        {ActionId::UndoRemove, "undo", QT_TRANSLATE_NOOP("gitvqa::Actions", "&Undo"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Bring back the questions just deleted or cleared"), kChat, {K(K::Undo)}},
        {ActionId::ClearTranscript, "clear_transcript", QT_TRANSLATE_NOOP("gitvqa::Actions", "C&lear Transcript"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Remove every question and answer of this video (Undo brings them back)"),
         kChat, {}},
        {ActionId::KeyboardShortcuts, "keyboard_shortcuts", QT_TRANSLATE_NOOP("gitvqa::Actions", "&Keyboard Shortcuts"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "List every keyboard shortcut"), kHelp,
         {K(Qt::Key_Question), K(Qt::Key_F1)}},
        {ActionId::About, "about", QT_TRANSLATE_NOOP("gitvqa::Actions", "&About gitvqa"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Version and credits"), kHelp, {}},
        // Player keys as mpv and VLC have them: Ctrl+G (VLC's "Jump to time"), 9/0 (mpv) and Ctrl+↓/↑ (VLC) for the
        // volume; plain ↑/↓ also change it while the video has the focus (PlayerPane), as they would clash with
        // scrolling and the question box's recall elsewhere. Markers: ←/→ already seek, so Ctrl+←/→ and
        // PageUp/PageDown (Kdenlive's marker keys are Alt+←/→, taken by the window manager on many desktops).
        {ActionId::GoToTime, "go_to_time", QT_TRANSLATE_NOOP("gitvqa::Actions", "&Go to Time…"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Type a time such as 1:23, 83 or 1:02:03.5 and jump there"), kPlayback,
         {K(Qt::CTRL | Qt::Key_G)}},
        {ActionId::VolumeUp, "volume_up", QT_TRANSLATE_NOOP("gitvqa::Actions", "Volume &Up"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Louder by 5 % (also ↑ while the video has the focus)"), kPlayback,
         {K(Qt::Key_0), K(Qt::CTRL | Qt::Key_Up)}},
        {ActionId::VolumeDown, "volume_down", QT_TRANSLATE_NOOP("gitvqa::Actions", "Volume &Down"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Quieter by 5 % (also ↓ while the video has the focus)"), kPlayback,
         {K(Qt::Key_9), K(Qt::CTRL | Qt::Key_Down)}},
        {ActionId::PreviousMarker, "previous_marker", QT_TRANSLATE_NOOP("gitvqa::Actions", "Previous Question Marker"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Jump to the question asked before this point of the video"), kTimeline,
         {K(Qt::CTRL | Qt::Key_Left), K(Qt::Key_PageUp)}, false, true},
        {ActionId::NextMarker, "next_marker", QT_TRANSLATE_NOOP("gitvqa::Actions", "Next Question Marker"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Jump to the question asked after this point of the video"), kTimeline,
         {K(Qt::CTRL | Qt::Key_Right), K(Qt::Key_PageDown)}, false, true},
        {ActionId::RevealMarker, "reveal_marker", QT_TRANSLATE_NOOP("gitvqa::Actions", "Show the Question"),
         QT_TRANSLATE_NOOP("gitvqa::Actions", "Show the chosen marker's question and answer in the chat"), kTimeline,
         {K(Qt::Key_Return), K(Qt::Key_Enter)}, false, true},
    };
}

} // namespace

Actions::Actions(QWidget* window) : QObject(window)
{
    for (const Spec& s : specs()) {
        auto* a = new QAction(QCoreApplication::translate("gitvqa::Actions", s.text), this);
        a->setObjectName(QString::fromLatin1(s.name));
        a->setShortcuts(s.keys);
        a->setShortcutContext(s.widgetOnly ? Qt::WidgetShortcut : Qt::WindowShortcut);
        a->setCheckable(s.checkable);
        const QString help = QCoreApplication::translate("gitvqa::Actions", s.help);
        a->setStatusTip(help);
        a->setToolTip(s.keys.isEmpty() ? help
                                        : tr("%1 (%2)").arg(help, s.keys.first().toString(QKeySequence::NativeText)));
        a->setProperty("gitvqa_action_id", static_cast<int>(s.id));
        if (!s.widgetOnly)
            window->addAction(a);
        m_entries.push_back({s.id, a, s.category});
    }
}

bool Actions::isWidgetOnly(ActionId id)
{
    for (const Spec& s : specs())
        if (s.id == id)
            return s.widgetOnly;
    return false;
}

QAction* Actions::get(ActionId id) const
{
    for (const Entry& e : m_entries)
        if (e.id == id)
            return e.action;
    return nullptr;
}

QList<QAction*> Actions::all() const
{
    QList<QAction*> list;
    for (const Entry& e : m_entries)
        list.append(e.action);
    return list;
}

QString Actions::category(ActionId id) const
{
    for (const Entry& e : m_entries)
        if (e.id == id)
            return QCoreApplication::translate("gitvqa::Actions", e.category);
    return {};
}

ActionId Actions::idOf(const QAction* action) { return static_cast<ActionId>(action->property("gitvqa_action_id").toInt()); }

} // namespace gitvqa
