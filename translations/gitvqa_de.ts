<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>QObject</name>
    <message>
        <source>Unknown export format %1.</source>
        <translation>Unbekanntes Exportformat %1.</translation>
    </message>
    <message>
        <source>Export Transcript</source>
        <translation>Verlauf exportieren</translation>
    </message>
    <message>
        <source>There is nothing to export yet: ask a question about the video first.</source>
        <translation>Es gibt noch nichts zu exportieren: Stellen Sie zuerst eine Frage zum Video.</translation>
    </message>
    <message>
        <source>The transcript could not be written to %1: %2
Choose another folder and try again.</source>
        <translation>Der Verlauf konnte nicht nach %1 geschrieben werden: %2
Wählen Sie einen anderen Ordner und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>nothing could be rendered</source>
        <translation>es konnte nichts erzeugt werden</translation>
    </message>
    <message numerus="yes">
        <source>Exporting the transcript (a picture for each of %n questions)…</source>
        <translation>
            <numerusform>Das Protokoll wird exportiert (ein Bild für %n Frage)…</numerusform>
            <numerusform>Das Protokoll wird exportiert (ein Bild für jede der %n Fragen)…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>gitvqa::Actions</name>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Playback</source>
        <translation>Wiedergabe</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Abschnitt</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Ansicht</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Hilfe</translation>
    </message>
    <message>
        <source>&amp;Open Video…</source>
        <translation>Video ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open a video file</source>
        <translation>Eine Videodatei öffnen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Close the application</source>
        <translation>Die Anwendung beenden</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Model, device, decoding and question window</source>
        <translation>Modell, Gerät, Dekodierung und Fragefenster</translation>
    </message>
    <message>
        <source>&amp;Play/Pause</source>
        <translation>&amp;Wiedergabe/Pause</translation>
    </message>
    <message>
        <source>Start or pause playback</source>
        <translation>Wiedergabe starten oder anhalten</translation>
    </message>
    <message>
        <source>Back 5 Seconds</source>
        <translation>5 Sekunden zurück</translation>
    </message>
    <message>
        <source>Jump 5 seconds back</source>
        <translation>5 Sekunden zurückspringen</translation>
    </message>
    <message>
        <source>Forward 5 Seconds</source>
        <translation>5 Sekunden vor</translation>
    </message>
    <message>
        <source>Jump 5 seconds forward</source>
        <translation>5 Sekunden vorspringen</translation>
    </message>
    <message>
        <source>Previous Frame</source>
        <translation>Vorheriges Bild</translation>
    </message>
    <message>
        <source>Pause and step one frame back</source>
        <translation>Anhalten und ein Bild zurückgehen</translation>
    </message>
    <message>
        <source>Next Frame</source>
        <translation>Nächstes Bild</translation>
    </message>
    <message>
        <source>Pause and step one frame forward</source>
        <translation>Anhalten und ein Bild vorgehen</translation>
    </message>
    <message>
        <source>Shuttle Back</source>
        <translation>Shuttle rückwärts</translation>
    </message>
    <message>
        <source>Slower when fast-forwarding, otherwise jump 5 seconds back</source>
        <translation>Beim schnellen Vorlauf langsamer, sonst 5 Sekunden zurückspringen</translation>
    </message>
    <message>
        <source>Shuttle Pause</source>
        <translation>Shuttle-Pause</translation>
    </message>
    <message>
        <source>Pause playback</source>
        <translation>Wiedergabe anhalten</translation>
    </message>
    <message>
        <source>Shuttle Forward</source>
        <translation>Shuttle vorwärts</translation>
    </message>
    <message>
        <source>Play; press again to play faster (up to 2×)</source>
        <translation>Abspielen; erneut drücken für schnellere Wiedergabe (bis 2×)</translation>
    </message>
    <message>
        <source>Normal Speed</source>
        <translation>Normale Geschwindigkeit</translation>
    </message>
    <message>
        <source>Play at 1×</source>
        <translation>Mit 1× abspielen</translation>
    </message>
    <message>
        <source>&amp;Mute</source>
        <translation>&amp;Stummschalten</translation>
    </message>
    <message>
        <source>Mute or unmute the sound</source>
        <translation>Ton aus- oder einschalten</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>&amp;Vollbild</translation>
    </message>
    <message>
        <source>Show the video on the whole screen (also double-click the video)</source>
        <translation>Das Video bildschirmfüllend zeigen (auch per Doppelklick auf das Video)</translation>
    </message>
    <message>
        <source>Mark &amp;In</source>
        <translation>&amp;Anfang markieren</translation>
    </message>
    <message>
        <source>Start the segment to ask about here</source>
        <translation>Den Abschnitt, nach dem gefragt wird, hier beginnen</translation>
    </message>
    <message>
        <source>Mark &amp;Out</source>
        <translation>&amp;Ende markieren</translation>
    </message>
    <message>
        <source>End the segment to ask about here</source>
        <translation>Den Abschnitt, nach dem gefragt wird, hier beenden</translation>
    </message>
    <message>
        <source>&amp;Clear Segment</source>
        <translation>Abschnitt &amp;verwerfen</translation>
    </message>
    <message>
        <source>Forget the marked segment (in full screen: leave full screen)</source>
        <translation>Den markierten Abschnitt verwerfen (im Vollbild: Vollbild verlassen)</translation>
    </message>
    <message>
        <source>Ask a &amp;Question</source>
        <translation>&amp;Frage stellen</translation>
    </message>
    <message>
        <source>Move the keyboard focus to the question box</source>
        <translation>Den Tastaturfokus in das Fragefeld setzen</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>List every keyboard shortcut</source>
        <translation>Alle Tastenkürzel auflisten</translation>
    </message>
    <message>
        <source>&amp;About gitvqa</source>
        <translation>Ü&amp;ber gitvqa</translation>
    </message>
    <message>
        <source>Version and credits</source>
        <translation>Version und Mitwirkende</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>&amp;Models…</source>
        <translation>&amp;Modelle…</translation>
    </message>
    <message>
        <source>Find, download and choose the model that answers</source>
        <translation>Das antwortende Modell finden, herunterladen und auswählen</translation>
    </message>
    <message>
        <source>S&amp;can Video…</source>
        <translation>Video &amp;durchsuchen…</translation>
    </message>
    <message>
        <source>Ask one question about every window of the video (or of the marked segment)</source>
        <translation>Eine Frage zu jedem Fenster des Videos (oder des markierten Abschnitts) stellen</translation>
    </message>
    <message>
        <source>&amp;Export Transcript…</source>
        <translation>Verlauf e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Save the questions and answers as Markdown, JSON, CSV, SRT, WebVTT or HTML</source>
        <translation>Fragen und Antworten als Markdown, JSON, CSV, SRT, WebVTT oder HTML speichern</translation>
    </message>
    <message>
        <source>Timeline (when it has the focus)</source>
        <translation>Zeitleiste (wenn sie den Fokus hat)</translation>
    </message>
    <message>
        <source>&amp;Go to Time…</source>
        <translation>&amp;Gehe zu Zeit…</translation>
    </message>
    <message>
        <source>Type a time such as 1:23, 83 or 1:02:03.5 and jump there</source>
        <translation>Geben Sie eine Zeit wie 1:23, 83 oder 1:02:03.5 ein und springen Sie dorthin</translation>
    </message>
    <message>
        <source>Volume &amp;Up</source>
        <translation>&amp;Lauter</translation>
    </message>
    <message>
        <source>Louder by 5 % (also ↑ while the video has the focus)</source>
        <translation>5 % lauter (auch ↑, wenn das Video den Fokus hat)</translation>
    </message>
    <message>
        <source>Volume &amp;Down</source>
        <translation>L&amp;eiser</translation>
    </message>
    <message>
        <source>Quieter by 5 % (also ↓ while the video has the focus)</source>
        <translation>5 % leiser (auch ↓, wenn das Video den Fokus hat)</translation>
    </message>
    <message>
        <source>Previous Question Marker</source>
        <translation>Vorherige Fragenmarkierung</translation>
    </message>
    <message>
        <source>Jump to the question asked before this point of the video</source>
        <translation>Zur Frage springen, die vor dieser Stelle des Videos gestellt wurde</translation>
    </message>
    <message>
        <source>Next Question Marker</source>
        <translation>Nächste Fragenmarkierung</translation>
    </message>
    <message>
        <source>Jump to the question asked after this point of the video</source>
        <translation>Zur Frage springen, die nach dieser Stelle des Videos gestellt wurde</translation>
    </message>
    <message>
        <source>Show the Question</source>
        <translation>Frage anzeigen</translation>
    </message>
    <message>
        <source>Show the chosen marker&apos;s question and answer in the chat</source>
        <translation>Frage und Antwort der gewählten Markierung im Chat zeigen</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>&amp;Stop Answer</source>
        <translation>Antwort &amp;stoppen</translation>
    </message>
    <message>
        <source>Stop the answer coming in (Esc); the words so far are kept</source>
        <translation>Die laufende Antwort stoppen (Esc); die bisherigen Wörter bleiben erhalten</translation>
    </message>
    <message>
        <source>&amp;Regenerate Answer</source>
        <translation>Antwort &amp;neu erzeugen</translation>
    </message>
    <message>
        <source>Ask the latest (or focused) question again; the earlier answer is kept</source>
        <translation>Die letzte (oder ausgewählte) Frage erneut stellen; die frühere Antwort bleibt erhalten</translation>
    </message>
    <message>
        <source>&amp;Copy Answer</source>
        <translation>Antwort &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy the latest (or focused) answer to the clipboard</source>
        <translation>Die letzte (oder ausgewählte) Antwort in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>&amp;Edit Question</source>
        <translation>Frage &amp;bearbeiten</translation>
    </message>
    <message>
        <source>Put the latest (or focused) question back into the box to change and ask again</source>
        <translation>Die letzte (oder ausgewählte) Frage zurück ins Eingabefeld holen, um sie zu ändern und erneut zu stellen</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>Bring back the questions just deleted or cleared</source>
        <translation>Die eben gelöschten oder geleerten Fragen zurückholen</translation>
    </message>
    <message>
        <source>C&amp;lear Transcript</source>
        <translation>Protokoll &amp;leeren</translation>
    </message>
    <message>
        <source>Remove every question and answer of this video (Undo brings them back)</source>
        <translation>Alle Fragen und Antworten zu diesem Video entfernen (Rückgängig holt sie zurück)</translation>
    </message>
</context>
<context>
    <name>gitvqa::ChatController</name>
    <message>
        <source>Open a video first (File → Open Video…), then ask about it.</source>
        <translation>Öffnen Sie zuerst ein Video (Datei → Video öffnen…) und fragen Sie dann danach.</translation>
    </message>
    <message>
        <source>Answering, %1 tokens/s</source>
        <translation>Antwort wird erzeugt, %1 Token/s</translation>
    </message>
    <message>
        <source>Answering</source>
        <translation>Antwort wird erzeugt</translation>
    </message>
    <message>
        <source>Encoding segment %1</source>
        <translation>Abschnitt %1 wird kodiert</translation>
    </message>
    <message>
        <source>Reading frames</source>
        <translation>Bilder werden gelesen</translation>
    </message>
    <message>
        <source>Waiting for the model</source>
        <translation>Warten auf das Modell</translation>
    </message>
    <message>
        <source>Opening transcript…</source>
        <translation>Transkript wird geöffnet…</translation>
    </message>
    <message>
        <source>Deleted “%1”.</source>
        <translation>„%1“ gelöscht.</translation>
    </message>
    <message numerus="yes">
        <source>Cleared %n question(s).</source>
        <translation>
            <numerusform>%n Frage entfernt.</numerusform>
            <numerusform>%n Fragen entfernt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>gitvqa::ChatExchangeWidget</name>
    <message>
        <source>Opening the video…</source>
        <translation>Video wird geöffnet…</translation>
    </message>
    <message>
        <source>Reading frames…</source>
        <translation>Bilder werden gelesen…</translation>
    </message>
    <message>
        <source>Looking at the frames…</source>
        <translation>Bilder werden betrachtet…</translation>
    </message>
    <message>
        <source>Answering…</source>
        <translation>Antwort wird erzeugt…</translation>
    </message>
    <message>
        <source>Waiting for the model…</source>
        <translation>Warten auf das Modell…</translation>
    </message>
    <message>
        <source>first word after %1 s</source>
        <translation>erstes Wort nach %1 s</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 Token/s</translation>
    </message>
    <message>
        <source>frames already encoded</source>
        <translation>Bilder bereits kodiert</translation>
    </message>
    <message>
        <source>Question and answer</source>
        <translation>Frage und Antwort</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Frage</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Abschnitt</translation>
    </message>
    <message>
        <source>The part of the video this question is about; activate to jump there</source>
        <translation>Der Teil des Videos, um den es in dieser Frage geht; aktivieren, um dorthin zu springen</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>Zeitmessung</translation>
    </message>
    <message>
        <source>How long the first word took and how fast the answer came</source>
        <translation>Wie lange das erste Wort dauerte und wie schnell die Antwort kam</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Stop answering</source>
        <translation>Antwort stoppen</translation>
    </message>
    <message>
        <source>Stop this answer now; the words so far are kept</source>
        <translation>Diese Antwort jetzt stoppen; die bisherigen Wörter bleiben erhalten</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Neu erzeugen</translation>
    </message>
    <message>
        <source>Ask the same question about the same segment again</source>
        <translation>Dieselbe Frage zum selben Abschnitt noch einmal stellen</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy answer</source>
        <translation>Antwort kopieren</translation>
    </message>
    <message>
        <source>Copy the answer text to the clipboard</source>
        <translation>Den Antworttext in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Remove this question and answer from the transcript</source>
        <translation>Diese Frage und Antwort aus dem Verlauf entfernen</translation>
    </message>
    <message>
        <source>Jump to %1</source>
        <translation>Zu %1 springen</translation>
    </message>
    <message>
        <source>(stopped before the first word)</source>
        <translation>(vor dem ersten Wort gestoppt)</translation>
    </message>
    <message>
        <source>%1 … (stopped)</source>
        <translation>%1 … (gestoppt)</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>(the model gave an empty answer)</source>
        <translation>(das Modell gab eine leere Antwort)</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Edit question</source>
        <translation>Frage bearbeiten</translation>
    </message>
    <message>
        <source>Put this question back into the question box to change it and ask again</source>
        <translation>Diese Frage zurück ins Eingabefeld holen, um sie zu ändern und erneut zu stellen</translation>
    </message>
    <message>
        <source>Previous answer</source>
        <translation>Vorherige Antwort</translation>
    </message>
    <message>
        <source>Show the answer given before this one</source>
        <translation>Die Antwort davor zeigen</translation>
    </message>
    <message>
        <source>Next answer</source>
        <translation>Nächste Antwort</translation>
    </message>
    <message>
        <source>Show the answer given after this one</source>
        <translation>Die Antwort danach zeigen</translation>
    </message>
    <message>
        <source>Answer version</source>
        <translation>Antwortversion</translation>
    </message>
    <message>
        <source>Answer: %1</source>
        <translation>Antwort: %1</translation>
    </message>
</context>
<context>
    <name>gitvqa::ChatFrameStrip</name>
    <message>
        <source>Frames the model saw</source>
        <translation>Bilder, die das Modell gesehen hat</translation>
    </message>
    <message numerus="yes">
        <source>%n frame(s), at %1. Left and Right choose one, Enter jumps there.</source>
        <translation>
            <numerusform>%n Bild, bei %1. Die Pfeiltasten links und rechts wählen eines aus, die Eingabetaste springt dorthin.</numerusform>
            <numerusform>%n Bilder, bei %1. Die Pfeiltasten links und rechts wählen eines aus, die Eingabetaste springt dorthin.</numerusform>
        </translation>
    </message>
    <message>
        <source>Frame %1 of %2, at %3</source>
        <translation>Bild %1 von %2, bei %3</translation>
    </message>
    <message>
        <source>%1 (for %2)</source>
        <translation>%1 (für %2)</translation>
    </message>
    <message>
        <source>%1 (asked for %2: the video&apos;s first decodable frame, as the file starts before its first keyframe)</source>
        <translation>%1 (gefragt war %2: das erste dekodierbare Bild des Videos, da die Datei vor ihrem ersten Schlüsselbild beginnt)</translation>
    </message>
</context>
<context>
    <name>gitvqa::ChatNoModelPanel</name>
    <message>
        <source>No model</source>
        <translation>Kein Modell</translation>
    </message>
    <message>
        <source>The question-answering model is missing; choose the folder that holds it</source>
        <translation>Das Frage-Antwort-Modell fehlt; wählen Sie den Ordner, der es enthält</translation>
    </message>
    <message>
        <source>&lt;h3&gt;No model yet&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Noch kein Modell&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>No model yet</source>
        <translation>Noch kein Modell</translation>
    </message>
    <message>
        <source>What is missing</source>
        <translation>Was fehlt</translation>
    </message>
    <message>
        <source>&lt;p&gt;gitvqa answers with Microsoft&apos;s GIT video model, &lt;b&gt;microsoft/git-base-msrvtt-qa&lt;/b&gt; (about 700 MB), published on &lt;a href=&apos;https://huggingface.co/microsoft/git-base-msrvtt-qa&apos;&gt;Hugging Face&lt;/a&gt;. Download the whole folder — config.json, model.safetensors (or pytorch_model.bin), vocab.txt or tokenizer.json and preprocessor_config.json — for example with &lt;code&gt;huggingface-cli download microsoft/git-base-msrvtt-qa&lt;/code&gt;, then choose that folder here.&lt;/p&gt;&lt;p&gt;A copy in the Hugging Face cache (&lt;code&gt;%1&lt;/code&gt;) is found on its own.&lt;/p&gt;</source>
        <translation>&lt;p&gt;gitvqa antwortet mit Microsofts GIT-Videomodell &lt;b&gt;microsoft/git-base-msrvtt-qa&lt;/b&gt; (etwa 700 MB), veröffentlicht auf &lt;a href=&apos;https://huggingface.co/microsoft/git-base-msrvtt-qa&apos;&gt;Hugging Face&lt;/a&gt;. Laden Sie den ganzen Ordner herunter – config.json, model.safetensors (oder pytorch_model.bin), vocab.txt oder tokenizer.json und preprocessor_config.json –, zum Beispiel mit &lt;code&gt;huggingface-cli download microsoft/git-base-msrvtt-qa&lt;/code&gt;, und wählen Sie diesen Ordner dann hier aus.&lt;/p&gt;&lt;p&gt;Eine Kopie im Hugging-Face-Cache (&lt;code&gt;%1&lt;/code&gt;) wird von selbst gefunden.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Where the model comes from</source>
        <translation>Woher das Modell kommt</translation>
    </message>
    <message>
        <source>Choose Model Folder…</source>
        <translation>Modellordner wählen…</translation>
    </message>
    <message>
        <source>Choose model folder</source>
        <translation>Modellordner wählen</translation>
    </message>
    <message>
        <source>Pick the folder that holds the model&apos;s files</source>
        <translation>Den Ordner mit den Dateien des Modells auswählen</translation>
    </message>
    <message>
        <source>No model folder is set.</source>
        <translation>Es ist kein Modellordner festgelegt.</translation>
    </message>
</context>
<context>
    <name>gitvqa::ChatPane</name>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Questions about the video and their answers</source>
        <translation>Fragen zum Video und ihre Antworten</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Dismiss notice</source>
        <translation>Hinweis schließen</translation>
    </message>
    <message>
        <source>Hide this message</source>
        <translation>Diese Meldung ausblenden</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Unterhaltung</translation>
    </message>
    <message>
        <source>Every question asked about this video, newest last</source>
        <translation>Alle Fragen zu diesem Video, die neueste zuletzt</translation>
    </message>
    <message>
        <source>What the next question is about</source>
        <translation>Worum es in der nächsten Frage geht</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>Fragen</translation>
    </message>
    <message>
        <source>Send the question</source>
        <translation>Die Frage senden</translation>
    </message>
    <message>
        <source>Open a video first (File → Open Video…).</source>
        <translation>Öffnen Sie zuerst ein Video (Datei → Video öffnen…).</translation>
    </message>
    <message>
        <source>what is happening?</source>
        <translation>what is happening?</translation>
    </message>
    <message>
        <source>what is the person holding?</source>
        <translation>what is the person holding?</translation>
    </message>
    <message>
        <source>where is this?</source>
        <translation>where is this?</translation>
    </message>
    <message>
        <source>Suggested questions</source>
        <translation>Vorgeschlagene Fragen</translation>
    </message>
    <message>
        <source>Pause on a moment or mark a segment with I and O, then ask. Try:</source>
        <translation>Halten Sie an einer Stelle an oder markieren Sie mit I und O einen Abschnitt, dann fragen Sie (auf Englisch). Zum Beispiel:</translation>
    </message>
    <message>
        <source>Ask: %1</source>
        <translation>Fragen: %1</translation>
    </message>
    <message>
        <source>Ask this suggested question about the current segment</source>
        <translation>Diese vorgeschlagene Frage zum aktuellen Abschnitt stellen</translation>
    </message>
    <message>
        <source>Ask (Enter)</source>
        <translation>Fragen (Eingabetaste)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Bring back what was just removed</source>
        <translation>Das eben Entfernte zurückholen</translation>
    </message>
    <message>
        <source>Show earlier questions</source>
        <translation>Frühere Fragen zeigen</translation>
    </message>
    <message>
        <source>Show later questions</source>
        <translation>Spätere Fragen zeigen</translation>
    </message>
    <message numerus="yes">
        <source>Show earlier questions (%n more)</source>
        <translation>
            <numerusform>Frühere Fragen zeigen (%n weitere)</numerusform>
            <numerusform>Frühere Fragen zeigen (%n weitere)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Show later questions (%n more)</source>
        <translation>
            <numerusform>Spätere Fragen zeigen (%n weitere)</numerusform>
            <numerusform>Spätere Fragen zeigen (%n weitere)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>gitvqa::ChatQuestionEdit</name>
    <message>
        <source>Ask about the video… (Enter sends, Shift+Enter for a new line)</source>
        <translation>Fragen Sie etwas zum Video… (Eingabetaste sendet, Umschalt+Eingabetaste für eine neue Zeile)</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Frage</translation>
    </message>
    <message>
        <source>Type a question about the marked segment or the moment at the playhead. Enter asks; Shift+Enter starts a new line; Up in an empty box brings back the last question.</source>
        <translation>Geben Sie eine Frage zum markierten Abschnitt oder zur Stelle an der Abspielposition ein. Die Eingabetaste stellt die Frage; Umschalt+Eingabetaste beginnt eine neue Zeile; Pfeil nach oben in einem leeren Feld holt die letzte Frage zurück.</translation>
    </message>
</context>
<context>
    <name>gitvqa::ChatTranscript</name>
    <message>
        <source>Answers about this video will not be saved: %1</source>
        <translation>Antworten zu diesem Video werden nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>The transcript could not be saved: %1 gitvqa keeps it and tries again.</source>
        <translation>Das Transkript konnte nicht gespeichert werden: %1 gitvqa behält es und versucht es erneut.</translation>
    </message>
</context>
<context>
    <name>gitvqa::Engine</name>
    <message>
        <source>CUDA was requested but no CUDA device is available (this libtorch build or machine has none); choose device cpu or auto</source>
        <translation>CUDA wurde angefordert, aber es ist kein CUDA-Gerät verfügbar (dieser libtorch-Build oder dieser Rechner hat keins); wählen Sie das Gerät cpu oder auto</translation>
    </message>
    <message>
        <source>Unknown device &apos;%1&apos; (use auto, cpu, cuda, cuda:N or mps)</source>
        <translation>Unbekanntes Gerät „%1“ (verwenden Sie auto, cpu, cuda, cuda:N oder mps)</translation>
    </message>
    <message>
        <source>Unknown device &apos;%1&apos;</source>
        <translation>Unbekanntes Gerät „%1“</translation>
    </message>
    <message>
        <source>CUDA device %1 does not exist (%2 available)</source>
        <translation>Das CUDA-Gerät %1 gibt es nicht (%2 verfügbar)</translation>
    </message>
    <message>
        <source>MPS (Apple GPU) was requested but is not available on this machine; choose cpu or auto</source>
        <translation>MPS (Apple-GPU) wurde angefordert, ist auf diesem Rechner aber nicht verfügbar; wählen Sie cpu oder auto</translation>
    </message>
    <message>
        <source>Unknown precision &apos;%1&apos; (use auto, float32, float16 or bfloat16)</source>
        <translation>Unbekannte Genauigkeit „%1“ (verwenden Sie auto, float32, float16 oder bfloat16)</translation>
    </message>
    <message>
        <source>float16 is not supported on the CPU; choose float32 or bfloat16</source>
        <translation>float16 wird auf der CPU nicht unterstützt; wählen Sie float32 oder bfloat16</translation>
    </message>
    <message>
        <source>No weights in %1: expected model.safetensors, model.safetensors.index.json or pytorch_model.bin</source>
        <translation>Keine Gewichte in %1: erwartet wird model.safetensors, model.safetensors.index.json oder pytorch_model.bin</translation>
    </message>
    <message>
        <source>Cannot read %1: the file is missing or unreadable</source>
        <translation>%1 kann nicht gelesen werden: Die Datei fehlt oder ist nicht lesbar</translation>
    </message>
</context>
<context>
    <name>gitvqa::GoToTimeBar</name>
    <message>
        <source>Go to time:</source>
        <translation>Gehe zu Zeit:</translation>
    </message>
    <message>
        <source>1:23, 83 or 1:02:03.5</source>
        <translation>1:23, 83 oder 1:02:03.5</translation>
    </message>
    <message>
        <source>Go to time</source>
        <translation>Gehe zu Zeit</translation>
    </message>
    <message>
        <source>Type a time as seconds or minutes:seconds or hours:minutes:seconds, then press Enter; Esc closes</source>
        <translation>Geben Sie eine Zeit als Sekunden, Minuten:Sekunden oder Stunden:Minuten:Sekunden ein und drücken Sie die Eingabetaste; Esc schließt</translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>von %1</translation>
    </message>
    <message>
        <source>“%1” is not a time: type e.g. 1:23, 83 or 1:02:03.5</source>
        <translation>„%1“ ist keine Zeit: geben Sie z. B. 1:23, 83 oder 1:02:03.5 ein</translation>
    </message>
</context>
<context>
    <name>gitvqa::MainWindow</name>
    <message>
        <source>Videos (*.mp4 *.m4v *.mov *.mkv *.webm *.avi *.mpg *.mpeg *.ts *.mts *.m2ts *.wmv *.flv *.3gp *.ogv);;All files (*)</source>
        <translation>Videos (*.mp4 *.m4v *.mov *.mkv *.webm *.avi *.mpg *.mpeg *.ts *.mts *.m2ts *.wmv *.flv *.3gp *.ogv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>gitvqa</source>
        <translation>gitvqa</translation>
    </message>
    <message>
        <source>Ask questions about a video</source>
        <translation>Fragen zu einem Video stellen</translation>
    </message>
    <message>
        <source>Player and chat</source>
        <translation>Player und Chat</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>Recent videos</source>
        <translation>Zuletzt geöffnete Videos</translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation>&amp;Wiedergabe</translation>
    </message>
    <message>
        <source>&amp;Segment</source>
        <translation>Ab&amp;schnitt</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>About gitvqa</source>
        <translation>Über gitvqa</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;gitvqa %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Ask questions about a video with Microsoft&apos;s GIT model (git-base-msrvtt-qa), computed on this computer.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;gitvqa %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Stellen Sie Fragen zu einem Video – mit Microsofts GIT-Modell (git-base-msrvtt-qa), berechnet auf diesem Computer.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1 — gitvqa</source>
        <translation>%1 – gitvqa</translation>
    </message>
    <message>
        <source>Loading model %1 %</source>
        <translation>Modell wird geladen: %1 %</translation>
    </message>
    <message>
        <source>The model could not be loaded, so the previous one is still in use. %1</source>
        <translation>Das Modell konnte nicht geladen werden, daher wird weiterhin das vorherige verwendet. %1</translation>
    </message>
    <message>
        <source>No model</source>
        <translation>Kein Modell</translation>
    </message>
    <message>
        <source>Segment %1 prepared: the next question about it starts sooner</source>
        <translation>Abschnitt %1 vorbereitet: Die nächste Frage dazu beginnt schneller</translation>
    </message>
    <message>
        <source>&amp;%1 %2</source>
        <translation>&amp;%1 %2</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>Liste &amp;leeren</translation>
    </message>
    <message>
        <source>“%1” does not exist or is not a file. Check the name, or open another video with File → Open Video….</source>
        <translation>„%1“ existiert nicht oder ist keine Datei. Prüfen Sie den Namen oder öffnen Sie ein anderes Video mit Datei → Video öffnen….</translation>
    </message>
    <message>
        <source>Open Video</source>
        <translation>Video öffnen</translation>
    </message>
    <message>
        <source>Open a video first (File → Open Video…), then ask about it.</source>
        <translation>Öffnen Sie zuerst ein Video (Datei → Video öffnen…) und fragen Sie dann danach.</translation>
    </message>
    <message>
        <source>There is no model to answer with. Choose the model folder first.</source>
        <translation>Es gibt kein Modell, das antworten könnte. Wählen Sie zuerst den Modellordner.</translation>
    </message>
    <message>
        <source>Next question is about the marked segment %1 (Esc clears it).</source>
        <translation>Die nächste Frage bezieht sich auf den markierten Abschnitt %1 (Esc hebt ihn auf).</translation>
    </message>
    <message>
        <source>Next question is about %1, %2 s around the playhead (I and O mark a segment).</source>
        <translation>Die nächste Frage bezieht sich auf %1, %2 s um die Abspielposition (I und O markieren einen Abschnitt).</translation>
    </message>
    <message>
        <source>Choose the model folder</source>
        <translation>Modellordner wählen</translation>
    </message>
    <message>
        <source>Download a Model…</source>
        <translation>Modell herunterladen…</translation>
    </message>
    <message>
        <source>Download a model</source>
        <translation>Modell herunterladen</translation>
    </message>
    <message>
        <source>Open the model manager to download or pick a model</source>
        <translation>Die Modellverwaltung öffnen, um ein Modell herunterzuladen oder auszuwählen</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>&amp;Chat</translation>
    </message>
</context>
<context>
    <name>gitvqa::Media</name>
    <message>
        <source>No video file given.</source>
        <translation>Keine Videodatei angegeben.</translation>
    </message>
    <message>
        <source>File not found: %1</source>
        <translation>Datei nicht gefunden: %1</translation>
    </message>
    <message>
        <source>This is a folder, not a video file: %1</source>
        <translation>Das ist ein Ordner, keine Videodatei: %1</translation>
    </message>
    <message>
        <source>The file is empty: %1</source>
        <translation>Die Datei ist leer: %1</translation>
    </message>
    <message>
        <source>Out of memory opening %1</source>
        <translation>Nicht genug Arbeitsspeicher beim Öffnen von %1</translation>
    </message>
    <message>
        <source>Cannot read the file (permission denied): %1</source>
        <translation>Die Datei kann nicht gelesen werden (Zugriff verweigert): %1</translation>
    </message>
    <message>
        <source>Timed out or cancelled while opening %1</source>
        <translation>Zeitüberschreitung oder Abbruch beim Öffnen von %1</translation>
    </message>
    <message>
        <source>Not a video file FFmpeg can read (unknown format, or the file is truncated or corrupt): %1</source>
        <translation>Keine Videodatei, die FFmpeg lesen kann (unbekanntes Format, oder die Datei ist abgeschnitten oder beschädigt): %1</translation>
    </message>
    <message>
        <source>Not a video file FFmpeg can read: this looks like a text file.</source>
        <translation>Keine Videodatei, die FFmpeg lesen kann: Das sieht nach einer Textdatei aus.</translation>
    </message>
    <message>
        <source>The video data is corrupt (%1).</source>
        <translation>Die Videodaten sind beschädigt (%1).</translation>
    </message>
    <message>
        <source>Timed out or cancelled while reading the video.</source>
        <translation>Zeitüberschreitung oder Abbruch beim Lesen des Videos.</translation>
    </message>
    <message>
        <source>The file contains no video data: it is truncated or corrupt.</source>
        <translation>Die Datei enthält keine Videodaten: Sie ist abgeschnitten oder beschädigt.</translation>
    </message>
    <message>
        <source>The video stream has no picture size: the file is truncated or corrupt.</source>
        <translation>Der Videostream hat keine Bildgröße: Die Datei ist abgeschnitten oder beschädigt.</translation>
    </message>
    <message>
        <source>cannot open %1</source>
        <translation>%1 kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>preprocessor_config.json: malformed JSON: %1</source>
        <translation>preprocessor_config.json: fehlerhaftes JSON: %1</translation>
    </message>
    <message>
        <source>preprocessor_config.json: the top level must be a JSON object</source>
        <translation>preprocessor_config.json: Die oberste Ebene muss ein JSON-Objekt sein</translation>
    </message>
</context>
<context>
    <name>gitvqa::ModelController</name>
    <message>
        <source>Automatic (CUDA, then MPS, then CPU)</source>
        <translation>Automatisch (CUDA, dann MPS, dann CPU)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA (first GPU)</source>
        <translation>CUDA (erste GPU)</translation>
    </message>
    <message>
        <source>CUDA, GPU %1</source>
        <translation>CUDA, GPU %1</translation>
    </message>
    <message>
        <source>Apple MPS</source>
        <translation>Apple MPS</translation>
    </message>
    <message>
        <source>No model folder is set, and microsoft/git-base-msrvtt-qa is not in the Hugging Face cache.</source>
        <translation>Es ist kein Modellordner festgelegt, und microsoft/git-base-msrvtt-qa ist nicht im Hugging-Face-Cache.</translation>
    </message>
    <message>
        <source>The model folder “%1” does not exist (any more). Choose the folder again.</source>
        <translation>Der Modellordner „%1“ existiert nicht (mehr). Wählen Sie den Ordner erneut.</translation>
    </message>
    <message>
        <source>“%1” has no config.json, so it is not a Hugging Face model folder. Choose the folder that holds config.json and the weights.</source>
        <translation>„%1“ enthält keine config.json und ist daher kein Hugging-Face-Modellordner. Wählen Sie den Ordner, der config.json und die Gewichte enthält.</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>wird gestartet</translation>
    </message>
</context>
<context>
    <name>gitvqa::ModelManagerDialog</name>
    <message>
        <source>about %1 s left</source>
        <translation>noch etwa %1 s</translation>
    </message>
    <message>
        <source>about %1 min left</source>
        <translation>noch etwa %1 min</translation>
    </message>
    <message>
        <source>about %1 h left</source>
        <translation>noch etwa %1 h</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>bereit</translation>
    </message>
    <message>
        <source>not a GIT model (%1)</source>
        <translation>kein GIT-Modell (%1)</translation>
    </message>
    <message>
        <source>missing: %1</source>
        <translation>es fehlt: %1</translation>
    </message>
    <message>
        <source>problems: %1</source>
        <translation>Probleme: %1</translation>
    </message>
    <message>
        <source>video, %1 frames</source>
        <translation>Video, %1 Bilder</translation>
    </message>
    <message>
        <source>image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Hugging Face cache</source>
        <translation>Hugging-Face-Cache</translation>
    </message>
    <message>
        <source>downloaded</source>
        <translation>heruntergeladen</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>The models found on this computer, and the ones that can be downloaded</source>
        <translation>Die auf diesem Computer gefundenen Modelle und die, die heruntergeladen werden können</translation>
    </message>
    <message>
        <source>&lt;b&gt;On this computer&lt;/b&gt;</source>
        <translation>&lt;b&gt;Auf diesem Computer&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Models on this computer</source>
        <translation>Modelle auf diesem Computer</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>&lt;b&gt;Available for download&lt;/b&gt;</source>
        <translation>&lt;b&gt;Zum Herunterladen verfügbar&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Models available for download</source>
        <translation>Zum Herunterladen verfügbare Modelle</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>What it is for</source>
        <translation>Wofür es gedacht ist</translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation>Download-Fortschritt</translation>
    </message>
    <message>
        <source>Download status</source>
        <translation>Download-Status</translation>
    </message>
    <message>
        <source>Cancel Download</source>
        <translation>Download abbrechen</translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation>Download abbrechen</translation>
    </message>
    <message>
        <source>Stop the download; starting it again later resumes where it stopped</source>
        <translation>Den Download anhalten; ein erneuter Start setzt dort fort, wo er aufgehört hat</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Use This Model</source>
        <translation>Dieses Modell verwenden</translation>
    </message>
    <message>
        <source>Use this model</source>
        <translation>Dieses Modell verwenden</translation>
    </message>
    <message>
        <source>Answer questions with the selected model from now on</source>
        <translation>Fragen ab jetzt mit dem ausgewählten Modell beantworten</translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation>Ordner hinzufügen…</translation>
    </message>
    <message>
        <source>Add folder</source>
        <translation>Ordner hinzufügen</translation>
    </message>
    <message>
        <source>Pick a folder that holds a model and check it</source>
        <translation>Einen Ordner mit einem Modell auswählen und prüfen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Refresh the list</source>
        <translation>Die Liste aktualisieren</translation>
    </message>
    <message>
        <source>The download did not finish. %1</source>
        <translation>Der Download wurde nicht abgeschlossen. %1</translation>
    </message>
    <message>
        <source>Download cancelled. Starting it again continues where it stopped.</source>
        <translation>Download abgebrochen. Ein erneuter Start setzt dort fort, wo er aufgehört hat.</translation>
    </message>
    <message>
        <source>No model found yet. Download one below, or add a folder that holds one.</source>
        <translation>Noch kein Modell gefunden. Laden Sie unten eines herunter oder fügen Sie einen Ordner hinzu, der eines enthält.</translation>
    </message>
    <message>
        <source>%1 (recommended)</source>
        <translation>%1 (empfohlen)</translation>
    </message>
    <message>
        <source>about %1</source>
        <translation>etwa %1</translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation>Wird heruntergeladen…</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Download %1</source>
        <translation>%1 herunterladen</translation>
    </message>
    <message>
        <source>Every known model is already on this computer.</source>
        <translation>Alle bekannten Modelle sind bereits auf diesem Computer.</translation>
    </message>
    <message>
        <source>This model cannot be used: it is incomplete or not a GIT model.</source>
        <translation>Dieses Modell kann nicht verwendet werden: Es ist unvollständig oder kein GIT-Modell.</translation>
    </message>
    <message>
        <source>Starting the download of %1…</source>
        <translation>Download von %1 wird gestartet…</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Downloaded to “%1”. Press “Use This Model” to answer with it.</source>
        <translation>Heruntergeladen nach „%1“. Klicken Sie auf „Dieses Modell verwenden“, um damit zu antworten.</translation>
    </message>
    <message>
        <source>Add a model folder</source>
        <translation>Modellordner hinzufügen</translation>
    </message>
    <message>
        <source>“%1” is not a folder.</source>
        <translation>„%1“ ist kein Ordner.</translation>
    </message>
    <message>
        <source>“%1” cannot be used as a model: %2</source>
        <translation>„%1“ kann nicht als Modell verwendet werden: %2</translation>
    </message>
    <message>
        <source>“%1” cannot be used: %2</source>
        <translation>„%1“ kann nicht verwendet werden: %2</translation>
    </message>
    <message>
        <source>Stop the download?</source>
        <translation>Download abbrechen?</translation>
    </message>
    <message>
        <source>%1 is still downloading. Stop it and close? Downloading it again later continues where it stopped.</source>
        <translation>%1 wird noch heruntergeladen. Abbrechen und schließen? Ein späterer Download setzt an derselben Stelle fort.</translation>
    </message>
    <message>
        <source>Keep Downloading</source>
        <translation>Weiter herunterladen</translation>
    </message>
    <message>
        <source>Stop and Close</source>
        <translation>Abbrechen und schließen</translation>
    </message>
    <message>
        <source>Looking for models…</source>
        <translation>Modelle werden gesucht…</translation>
    </message>
</context>
<context>
    <name>gitvqa::Models</name>
    <message>
        <source>Cannot create the lock file %1 (%2). Check that the Hugging Face cache is writable.</source>
        <translation>Die Sperrdatei %1 kann nicht angelegt werden (%2). Prüfen Sie, ob der Hugging-Face-Cache beschreibbar ist.</translation>
    </message>
    <message>
        <source>Cannot lock %1 (%2).</source>
        <translation>%1 kann nicht gesperrt werden (%2).</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 in the Hugging Face cache. Check that it is writable, or set HF_HUB_CACHE to a folder that is.</source>
        <translation>Der Ordner %1 kann im Hugging-Face-Cache nicht angelegt werden. Prüfen Sie, ob er beschreibbar ist, oder setzen Sie HF_HUB_CACHE auf einen beschreibbaren Ordner.</translation>
    </message>
    <message>
        <source>Cannot link %1 in the Hugging Face cache (%2).</source>
        <translation>%1 kann im Hugging-Face-Cache nicht verknüpft werden (%2).</translation>
    </message>
    <message>
        <source>Cannot write %1 in the Hugging Face cache (%2).</source>
        <translation>%1 kann nicht in den Hugging-Face-Cache geschrieben werden (%2).</translation>
    </message>
    <message>
        <source>Set HF_HUB_CACHE (or HF_HOME) to a folder you can write to, then try again.</source>
        <translation>Setzen Sie HF_HUB_CACHE (oder HF_HOME) auf einen Ordner, in den Sie schreiben können, und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Cannot create the Hugging Face cache folder %1: %2 is a file, not a folder. %3</source>
        <translation>Der Hugging-Face-Cache-Ordner %1 kann nicht angelegt werden: %2 ist eine Datei, kein Ordner. %3</translation>
    </message>
    <message>
        <source>Cannot create the Hugging Face cache folder %1. %2</source>
        <translation>Der Hugging-Face-Cache-Ordner %1 kann nicht angelegt werden. %2</translation>
    </message>
    <message>
        <source>Cannot write to the Hugging Face cache folder %1 (%2). %3</source>
        <translation>In den Hugging-Face-Cache-Ordner %1 kann nicht geschrieben werden (%2). %3</translation>
    </message>
    <message>
        <source>Not enough free disk space in %1: the download needs %2 and %3 is free. Free up space, or set HF_HUB_CACHE to a folder on a larger disk, then try again.</source>
        <translation>Nicht genug freier Speicherplatz in %1: Der Download braucht %2, frei sind %3. Geben Sie Speicherplatz frei oder setzen Sie HF_HUB_CACHE auf einen Ordner auf einem größeren Datenträger und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Asking %1 for the files of %2</source>
        <translation>Frage %1 nach den Dateien von %2</translation>
    </message>
    <message>
        <source>HF_HUB_OFFLINE is set, so nothing is downloaded, and %1 is not complete in the Hugging Face cache (%2). Unset HF_HUB_OFFLINE (or set it to 0) and try again while online.</source>
        <translation>HF_HUB_OFFLINE ist gesetzt, daher wird nichts heruntergeladen, und %1 ist im Hugging-Face-Cache nicht vollständig (%2). Entfernen Sie HF_HUB_OFFLINE (oder setzen Sie es auf 0) und versuchen Sie es online erneut.</translation>
    </message>
    <message>
        <source>Offline (HF_HUB_OFFLINE): using %1 from the cache</source>
        <translation>Offline (HF_HUB_OFFLINE): %1 aus dem Cache wird verwendet</translation>
    </message>
    <message>
        <source>The Hub&apos;s file list for %1 gives no usable checksum for %2, so it cannot be verified. Try again later, or check HF_ENDPOINT.</source>
        <translation>Die Dateiliste des Hubs für %1 enthält keine verwendbare Prüfsumme für %2, daher kann die Datei nicht geprüft werden. Versuchen Sie es später erneut oder prüfen Sie HF_ENDPOINT.</translation>
    </message>
    <message>
        <source>Waiting for %1, which is downloading %2 into the same cache (%3)</source>
        <translation>Warte auf %1, das %2 in denselben Cache herunterlädt (%3)</translation>
    </message>
    <message>
        <source>Downloading %1 (%2 of %3)</source>
        <translation>Lade %1 herunter (%2 von %3)</translation>
    </message>
    <message>
        <source>The model folder %1 cannot be used: %2.</source>
        <translation>Der Modellordner %1 kann nicht verwendet werden: %2.</translation>
    </message>
    <message>
        <source>No usable GIT model in %1%2</source>
        <translation>Kein verwendbares GIT-Modell in %1%2</translation>
    </message>
    <message>
        <source>: it holds no config.json.</source>
        <translation>: Dort gibt es keine config.json.</translation>
    </message>
    <message>
        <source> (%1 found, none complete).</source>
        <translation> (%1 gefunden, keines vollständig).</translation>
    </message>
    <message>
        <source>No usable GIT model found (looked in: %1). Download %2 with `gitvqa download` or from the Models dialog, or put its files (config.json, model.safetensors or pytorch_model.bin, vocab.txt or tokenizer.json, preprocessor_config.json) in %3, or name a model folder with --model DIR.</source>
        <translation>Kein verwendbares GIT-Modell gefunden (gesucht in: %1). Laden Sie %2 mit `gitvqa download` oder im Dialog „Modelle“ herunter, legen Sie seine Dateien (config.json, model.safetensors oder pytorch_model.bin, vocab.txt oder tokenizer.json, preprocessor_config.json) in %3 ab, oder nennen Sie einen Modellordner mit --model DIR.</translation>
    </message>
    <message>
        <source>Cannot remove the saved token %1.</source>
        <translation>Das gespeicherte Token %1 kann nicht entfernt werden.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the token.</source>
        <translation>Der Ordner %1 für das Token kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot save the token in %1 (%2).</source>
        <translation>Das Token kann nicht in %1 gespeichert werden (%2).</translation>
    </message>
</context>
<context>
    <name>gitvqa::PlayerControls</name>
    <message>
        <source>Player controls</source>
        <translation>Player-Steuerung</translation>
    </message>
    <message>
        <source>Previous frame</source>
        <translation>Vorheriges Bild</translation>
    </message>
    <message>
        <source>Play or pause</source>
        <translation>Abspielen oder anhalten</translation>
    </message>
    <message>
        <source>Next frame</source>
        <translation>Nächstes Bild</translation>
    </message>
    <message>
        <source>Playback position</source>
        <translation>Wiedergabeposition</translation>
    </message>
    <message>
        <source>Current time and length of the video</source>
        <translation>Aktuelle Zeit und Länge des Videos</translation>
    </message>
    <message>
        <source>Mark segment start</source>
        <translation>Abschnittsanfang markieren</translation>
    </message>
    <message>
        <source>[ In</source>
        <translation>[ Anfang</translation>
    </message>
    <message>
        <source>Mark segment end</source>
        <translation>Abschnittsende markieren</translation>
    </message>
    <message>
        <source>Out ]</source>
        <translation>Ende ]</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>Wiedergabegeschwindigkeit</translation>
    </message>
    <message>
        <source>From a quarter of normal speed to twice normal speed</source>
        <translation>Von einem Viertel bis zum Doppelten der normalen Geschwindigkeit</translation>
    </message>
    <message>
        <source>Playback speed (L plays faster, J slower)</source>
        <translation>Wiedergabegeschwindigkeit (L schneller, J langsamer)</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Stummschalten</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Lautstärke</translation>
    </message>
    <message>
        <source>Sound volume in percent</source>
        <translation>Lautstärke in Prozent</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>Vollbild</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>gitvqa::PlayerOsd</name>
    <message>
        <source>Player message</source>
        <translation>Meldung des Players</translation>
    </message>
</context>
<context>
    <name>gitvqa::PlayerPane</name>
    <message>
        <source>&lt;p style=&apos;font-size:large&apos;&gt;Open a video to begin&lt;/p&gt;&lt;p&gt;File → Open Video… (%1), or drop a video file here.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;font-size:large&apos;&gt;Öffnen Sie ein Video, um zu beginnen&lt;/p&gt;&lt;p&gt;Datei → Video öffnen… (%1), oder ziehen Sie eine Videodatei hierher.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>No video open</source>
        <translation>Kein Video geöffnet</translation>
    </message>
    <message>
        <source>Open a video with File, Open Video, or drop a video file on the window</source>
        <translation>Öffnen Sie ein Video über Datei, Video öffnen, oder ziehen Sie eine Videodatei auf das Fenster</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>The video being watched. Double-click for full screen.</source>
        <translation>Das angezeigte Video. Doppelklick für Vollbild.</translation>
    </message>
    <message>
        <source>“%1” cannot be read: %2 Choose another file, or convert this one with FFmpeg.</source>
        <translation>„%1“ kann nicht gelesen werden: %2 Wählen Sie eine andere Datei oder wandeln Sie diese mit FFmpeg um.</translation>
    </message>
    <message>
        <source>Player</source>
        <translation>Player</translation>
    </message>
    <message>
        <source>Volume %1 % (muted)</source>
        <translation>Lautstärke %1 % (stumm)</translation>
    </message>
    <message>
        <source>Volume %1 %</source>
        <translation>Lautstärke %1 %</translation>
    </message>
</context>
<context>
    <name>gitvqa::ScanController</name>
    <message>
        <source>Scan</source>
        <translation>Durchsuchen</translation>
    </message>
    <message>
        <source>Ask the question about every window of the video (or of the marked segment)</source>
        <translation>Die Frage zu jedem Fenster des Videos (oder des markierten Abschnitts) stellen</translation>
    </message>
    <message>
        <source>Scan…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Open a video first (File → Open Video…), then scan it.</source>
        <translation>Öffnen Sie zuerst ein Video (Datei → Video öffnen…) und durchsuchen Sie es dann.</translation>
    </message>
    <message>
        <source>the marked segment %1</source>
        <translation>den markierten Abschnitt %1</translation>
    </message>
    <message>
        <source>the whole video</source>
        <translation>das ganze Video</translation>
    </message>
    <message>
        <source>There is no model to answer with. Choose the model folder first.</source>
        <translation>Es gibt kein Modell, das antworten kann. Wählen Sie zuerst den Modellordner.</translation>
    </message>
    <message>
        <source>Type the question to ask about every window first.</source>
        <translation>Geben Sie zuerst die Frage ein, die zu jedem Fenster gestellt werden soll.</translation>
    </message>
    <message>
        <source>Describing the video</source>
        <translation>Video wird beschrieben</translation>
    </message>
    <message>
        <source>Scanning the video</source>
        <translation>Video wird durchsucht</translation>
    </message>
    <message>
        <source>Scanning… %1 of %2 windows</source>
        <translation>Wird durchsucht… %1 von %2 Fenstern</translation>
    </message>
    <message>
        <source>Scanning…</source>
        <translation>Wird durchsucht…</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Stopped after %1 of %2 windows</source>
        <translation>Nach %1 von %2 Fenstern angehalten</translation>
    </message>
    <message>
        <source>Stopped after %1 windows</source>
        <translation>Nach %1 Fenstern angehalten</translation>
    </message>
    <message>
        <source>%1 windows</source>
        <translation>%1 Fenster</translation>
    </message>
    <message>
        <source>Describing</source>
        <translation>Beschreiben</translation>
    </message>
    <message>
        <source>Scanning</source>
        <translation>Durchsuchen</translation>
    </message>
    <message>
        <source>%1: %2 of %3 windows, about %4 left</source>
        <translation>%1: %2 von %3 Fenstern, noch etwa %4</translation>
    </message>
    <message>
        <source>%1: %2 of %3 windows</source>
        <translation>%1: %2 von %3 Fenstern</translation>
    </message>
</context>
<context>
    <name>gitvqa::ScanDialog</name>
    <message>
        <source>Scan Video</source>
        <translation>Video durchsuchen</translation>
    </message>
    <message>
        <source>Scan video</source>
        <translation>Video durchsuchen</translation>
    </message>
    <message>
        <source>Ask one question about every window of %1; the answers appear on the timeline.</source>
        <translation>Eine Frage zu jedem Fenster von %1 stellen; die Antworten erscheinen auf der Zeitleiste.</translation>
    </message>
    <message>
        <source>e.g. is there a dog?</source>
        <translation>z. B. is there a dog?</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Frage</translation>
    </message>
    <message>
        <source>Describe each window instead (captioning models)</source>
        <translation>Stattdessen jedes Fenster beschreiben (Beschreibungsmodelle)</translation>
    </message>
    <message>
        <source>No question: the model writes a caption for every window</source>
        <translation>Keine Frage: Das Modell schreibt eine Beschreibung für jedes Fenster</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Window width</source>
        <translation>Fensterbreite</translation>
    </message>
    <message>
        <source>Same as the window (no overlap)</source>
        <translation>Wie das Fenster (keine Überlappung)</translation>
    </message>
    <message>
        <source>Stride</source>
        <translation>Schrittweite</translation>
    </message>
    <message>
        <source>Seconds from one window&apos;s start to the next; smaller than the window makes the windows overlap</source>
        <translation>Sekunden vom Beginn eines Fensters bis zum nächsten; kleiner als das Fenster lässt die Fenster überlappen</translation>
    </message>
    <message>
        <source>&amp;Question:</source>
        <translation>&amp;Frage:</translation>
    </message>
    <message>
        <source>&amp;Window:</source>
        <translation>Fens&amp;ter:</translation>
    </message>
    <message>
        <source>&amp;Stride:</source>
        <translation>&amp;Schrittweite:</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>Durchsuchen</translation>
    </message>
</context>
<context>
    <name>gitvqa::ScanLane</name>
    <message>
        <source>Scan results</source>
        <translation>Suchergebnisse</translation>
    </message>
    <message>
        <source>The answer for every scanned window; click a window to jump there</source>
        <translation>Die Antwort für jedes durchsuchte Fenster; ein Klick auf ein Fenster springt dorthin</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>(no answer)</source>
        <translation>(keine Antwort)</translation>
    </message>
    <message>
        <source>yes %1 %</source>
        <translation>ja %1 %</translation>
    </message>
</context>
<context>
    <name>gitvqa::ScanSummaryWidget</name>
    <message>
        <source>Scan</source>
        <translation>Durchsuchen</translation>
    </message>
    <message>
        <source>Describe every window</source>
        <translation>Jedes Fenster beschreiben</translation>
    </message>
    <message>
        <source>Scan: %1</source>
        <translation>Durchsuchen: %1</translation>
    </message>
    <message>
        <source>Scan progress</source>
        <translation>Fortschritt der Suche</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Stop the scan; the windows done so far are kept</source>
        <translation>Die Suche anhalten; die bisher fertigen Fenster bleiben erhalten</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Scan the windows that are still missing</source>
        <translation>Die noch fehlenden Fenster durchsuchen</translation>
    </message>
    <message>
        <source>(no answer)</source>
        <translation>(keine Antwort)</translation>
    </message>
    <message>
        <source>Jump to %1</source>
        <translation>Zu %1 springen</translation>
    </message>
</context>
<context>
    <name>gitvqa::Service</name>
    <message>
        <source>The video %1 does not exist. It may have been moved or deleted.</source>
        <translation>Das Video %1 existiert nicht. Es wurde möglicherweise verschoben oder gelöscht.</translation>
    </message>
    <message>
        <source>This video cannot be read: %1</source>
        <translation>Dieses Video kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Frames could not be read from this video: %1</source>
        <translation>Aus diesem Video konnten keine Bilder gelesen werden: %1</translation>
    </message>
    <message>
        <source>The frames could not be encoded: %1</source>
        <translation>Die Bilder konnten nicht kodiert werden: %1</translation>
    </message>
    <message>
        <source>The question is empty. Type a question about the video first.</source>
        <translation>Die Frage ist leer. Geben Sie zuerst eine Frage zum Video ein.</translation>
    </message>
    <message>
        <source>The answer could not be generated: %1</source>
        <translation>Die Antwort konnte nicht erzeugt werden: %1</translation>
    </message>
    <message>
        <source>The model cannot be loaded: %1</source>
        <translation>Das Modell kann nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>No model is loaded. Choose a model folder in Settings.</source>
        <translation>Es ist kein Modell geladen. Wählen Sie in den Einstellungen einen Modellordner.</translation>
    </message>
    <message>
        <source>The GPU ran out of memory, so the model now runs on the CPU (slower). Close other GPU programs and reload the model to use the GPU again.</source>
        <translation>Der GPU-Speicher ist erschöpft, daher läuft das Modell jetzt auf der CPU (langsamer). Schließen Sie andere GPU-Programme und laden Sie das Modell neu, um wieder die GPU zu verwenden.</translation>
    </message>
    <message>
        <source>The GPU ran out of memory and the CPU fallback failed: %1</source>
        <translation>Der GPU-Speicher ist erschöpft, und das Ausweichen auf die CPU ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The answer failed: %1</source>
        <translation>Die Antwort ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The scan failed: %1</source>
        <translation>Der Suchlauf ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>No model folder is set. Choose the folder of microsoft/git-base-msrvtt-qa (it holds config.json and model.safetensors).</source>
        <translation>Es ist kein Modellordner festgelegt. Wählen Sie den Ordner von microsoft/git-base-msrvtt-qa (er enthält config.json und model.safetensors).</translation>
    </message>
    <message>
        <source>The model folder %1 does not exist. Choose another folder or download the model again.</source>
        <translation>Der Modellordner %1 existiert nicht. Wählen Sie einen anderen Ordner oder laden Sie das Modell erneut herunter.</translation>
    </message>
    <message>
        <source>The model&apos;s vocabulary cannot be read: %1</source>
        <translation>Das Vokabular des Modells kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>%1 is missing: the model folder is incomplete. Download the model again.</source>
        <translation>%1 fehlt: Der Modellordner ist unvollständig. Laden Sie das Modell erneut herunter.</translation>
    </message>
    <message>
        <source>The vocabulary (%1 tokens) is larger than the model&apos;s (%2): the folder mixes files of different models.</source>
        <translation>Das Vokabular (%1 Token) ist größer als das des Modells (%2): Der Ordner enthält Dateien verschiedener Modelle.</translation>
    </message>
    <message>
        <source>preprocessor_config.json makes %1x%2 images but the model expects %3x%3: the folder mixes files of different models.</source>
        <translation>preprocessor_config.json erzeugt Bilder mit %1×%2, das Modell erwartet aber %3×%3: Der Ordner enthält Dateien verschiedener Modelle.</translation>
    </message>
    <message>
        <source>The question is empty. Type what to look for in every window.</source>
        <translation>Die Frage ist leer. Geben Sie ein, wonach in jedem Zeitfenster gesucht werden soll.</translation>
    </message>
    <message>
        <source>The scan window must be longer than zero seconds.</source>
        <translation>Das Suchfenster muss länger als null Sekunden sein.</translation>
    </message>
    <message>
        <source>The length of this video is unknown, so it cannot be scanned whole. Mark a segment and scan that.</source>
        <translation>Die Länge dieses Videos ist unbekannt, daher kann es nicht als Ganzes durchsucht werden. Markieren Sie einen Abschnitt und durchsuchen Sie diesen.</translation>
    </message>
</context>
<context>
    <name>gitvqa::SessionFile</name>
    <message>
        <source>Cannot create the folder “%1”.</source>
        <translation>Der Ordner „%1“ kann nicht erstellt werden.</translation>
    </message>
    <message>
        <source>Cannot save the session to “%1”: %2</source>
        <translation>Die Sitzung kann nicht in „%1“ gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Cannot rename “%1” aside.</source>
        <translation>„%1“ kann nicht zur Sicherung umbenannt werden.</translation>
    </message>
</context>
<context>
    <name>gitvqa::SessionMergeWrite</name>
    <message>
        <source>Cannot read “%1” to add to it: %2</source>
        <translation>„%1“ kann nicht gelesen werden, um etwas hinzuzufügen: %2</translation>
    </message>
    <message>
        <source>“%1” was written by a newer version of gitvqa; it is left as it is.</source>
        <translation>„%1“ wurde von einer neueren gitvqa-Version geschrieben; die Datei bleibt unverändert.</translation>
    </message>
    <message>
        <source>The session file “%1” was damaged (%2). It was kept as “%3”.</source>
        <translation>Die Sitzungsdatei „%1“ war beschädigt (%2). Sie wurde als „%3“ aufbewahrt.</translation>
    </message>
</context>
<context>
    <name>gitvqa::SessionStore</name>
    <message>
        <source>Interrupted: gitvqa closed before the answer was complete.</source>
        <translation>Unterbrochen: gitvqa wurde beendet, bevor die Antwort vollständig war.</translation>
    </message>
    <message>
        <source>“%1” is the session of another video (%2).</source>
        <translation>„%1“ ist die Sitzung eines anderen Videos (%2).</translation>
    </message>
    <message>
        <source>The session file “%1” is damaged (%2). It was kept as “%3”.</source>
        <translation>Die Sitzungsdatei „%1“ ist beschädigt (%2). Sie wurde als „%3“ aufbewahrt.</translation>
    </message>
    <message>
        <source>The session file “%1” is damaged (%2) and could not be renamed aside either; it is left as it is.</source>
        <translation>Die Sitzungsdatei „%1“ ist beschädigt (%2) und konnte auch nicht umbenannt werden; sie bleibt unverändert.</translation>
    </message>
    <message>
        <source>The session file “%1” was written by a newer version of gitvqa and cannot be read here; it is left as it is. New answers about this video are kept in another file.</source>
        <translation>Die Sitzungsdatei „%1“ wurde von einer neueren gitvqa-Version geschrieben und kann hier nicht gelesen werden; sie bleibt unverändert. Neue Antworten zu diesem Video werden in einer anderen Datei gespeichert.</translation>
    </message>
    <message>
        <source>The session file “%1” could not be opened (%2); it is left as it is and tried again the next time.</source>
        <translation>Die Sitzungsdatei „%1“ konnte nicht geöffnet werden (%2); sie bleibt unverändert und wird beim nächsten Mal erneut versucht.</translation>
    </message>
    <message>
        <source>“%1” was written by a newer version of gitvqa; it is left as it is. Give another --session file.</source>
        <translation>„%1“ wurde von einer neueren gitvqa-Version geschrieben; die Datei bleibt unverändert. Geben Sie eine andere --session-Datei an.</translation>
    </message>
</context>
<context>
    <name>gitvqa::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>The model, where it runs, and how questions are asked</source>
        <translation>Das Modell, wo es läuft und wie Fragen gestellt werden</translation>
    </message>
    <message>
        <source>Model folder</source>
        <translation>Modellordner</translation>
    </message>
    <message>
        <source>The folder holding config.json and the weights of a GIT model</source>
        <translation>Der Ordner mit config.json und den Gewichten eines GIT-Modells</translation>
    </message>
    <message>
        <source>Hugging Face cache (microsoft/git-base-msrvtt-qa)</source>
        <translation>Hugging-Face-Cache (microsoft/git-base-msrvtt-qa)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Browse for the model folder</source>
        <translation>Nach dem Modellordner suchen</translation>
    </message>
    <message>
        <source>Choose the model folder in a file dialog</source>
        <translation>Den Modellordner in einem Dateidialog auswählen</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Where the model computes</source>
        <translation>Wo das Modell rechnet</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Präzision</translation>
    </message>
    <message>
        <source>Number format of the computation: float16 and bfloat16 are faster on GPUs; the CPU uses float32</source>
        <translation>Zahlenformat der Berechnung: float16 und bfloat16 sind auf GPUs schneller; die CPU verwendet float32</translation>
    </message>
    <message>
        <source>Automatic (float32 on the CPU, float16 on GPUs)</source>
        <translation>Automatisch (float32 auf der CPU, float16 auf GPUs)</translation>
    </message>
    <message>
        <source>float32</source>
        <translation>float32</translation>
    </message>
    <message>
        <source>float16</source>
        <translation>float16</translation>
    </message>
    <message>
        <source>bfloat16</source>
        <translation>bfloat16</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>CPU-Threads</translation>
    </message>
    <message>
        <source>Threads for computing on the CPU; 0 uses every core</source>
        <translation>Threads für Berechnungen auf der CPU; 0 verwendet alle Kerne</translation>
    </message>
    <message>
        <source>All cores (%1)</source>
        <translation>Alle Kerne (%1)</translation>
    </message>
    <message>
        <source>Frames per question</source>
        <translation>Bilder pro Frage</translation>
    </message>
    <message>
        <source>How many frames of the segment the model looks at; fixed by the model</source>
        <translation>Wie viele Bilder des Abschnitts das Modell betrachtet; vom Modell festgelegt</translation>
    </message>
    <message>
        <source>known once a model is loaded</source>
        <translation>bekannt, sobald ein Modell geladen ist</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Ordner:</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>&amp;Gerät:</translation>
    </message>
    <message>
        <source>&amp;Precision:</source>
        <translation>P&amp;räzision:</translation>
    </message>
    <message>
        <source>CPU &amp;threads:</source>
        <translation>CPU-T&amp;hreads:</translation>
    </message>
    <message>
        <source>Frames per question:</source>
        <translation>Bilder pro Frage:</translation>
    </message>
    <message>
        <source>Window around the playhead</source>
        <translation>Fenster um die Abspielposition</translation>
    </message>
    <message>
        <source>Without a marked segment, questions are about this many seconds around the playhead</source>
        <translation>Ohne markierten Abschnitt beziehen sich Fragen auf so viele Sekunden um die Abspielposition</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Maximum answer length</source>
        <translation>Maximale Antwortlänge</translation>
    </message>
    <message>
        <source>The most word pieces an answer may have</source>
        <translation>Die höchste Zahl an Wortteilen (Token), die eine Antwort haben darf</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> Token</translation>
    </message>
    <message>
        <source>Prepare the segment while paused</source>
        <translation>Abschnitt während der Pause vorbereiten</translation>
    </message>
    <message>
        <source>Pre-encoding</source>
        <translation>Vorab-Kodierung</translation>
    </message>
    <message>
        <source>Encode the frames of the segment in the background when playback pauses, the playhead is moved or a segment is marked, so the answer starts sooner</source>
        <translation>Die Bilder des Abschnitts im Hintergrund kodieren, wenn die Wiedergabe pausiert, die Abspielposition verschoben oder ein Abschnitt markiert wird, damit die Antwort früher beginnt</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>Fragen</translation>
    </message>
    <message>
        <source>&amp;Window around the playhead:</source>
        <translation>&amp;Fenster um die Abspielposition:</translation>
    </message>
    <message>
        <source>Maximum answer &amp;length:</source>
        <translation>Maximale Antwort&amp;länge:</translation>
    </message>
    <message>
        <source>Decoding</source>
        <translation>Dekodierung</translation>
    </message>
    <message>
        <source>How the answer&apos;s words are chosen</source>
        <translation>Wie die Wörter der Antwort gewählt werden</translation>
    </message>
    <message>
        <source>Greedy (most likely word each time)</source>
        <translation>Gierig (jeweils das wahrscheinlichste Wort)</translation>
    </message>
    <message>
        <source>Beam search</source>
        <translation>Beam-Suche</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>Sampling (Zufallsauswahl)</translation>
    </message>
    <message>
        <source>Beam width</source>
        <translation>Beam-Breite</translation>
    </message>
    <message>
        <source>How many candidate answers beam search keeps</source>
        <translation>Wie viele Antwortkandidaten die Beam-Suche behält</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <source>Sampling: below 1 is more predictable, above 1 more varied</source>
        <translation>Sampling: unter 1 vorhersehbarer, über 1 abwechslungsreicher</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <source>Sampling: only the most likely words whose probabilities add up to this are considered</source>
        <translation>Sampling: Nur die wahrscheinlichsten Wörter, deren Wahrscheinlichkeiten zusammen diesen Wert ergeben, werden berücksichtigt</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Startwert</translation>
    </message>
    <message>
        <source>Sampling: the same seed gives the same answer again</source>
        <translation>Sampling: Derselbe Startwert ergibt wieder dieselbe Antwort</translation>
    </message>
    <message>
        <source>&amp;Strategy:</source>
        <translation>&amp;Strategie:</translation>
    </message>
    <message>
        <source>&amp;Beam width:</source>
        <translation>&amp;Beam-Breite:</translation>
    </message>
    <message>
        <source>T&amp;emperature:</source>
        <translation>&amp;Temperatur:</translation>
    </message>
    <message>
        <source>Top-&amp;p:</source>
        <translation>Top-&amp;p:</translation>
    </message>
    <message>
        <source>S&amp;eed:</source>
        <translation>Start&amp;wert:</translation>
    </message>
    <message>
        <source>%1 (not available on this computer)</source>
        <translation>%1 (auf diesem Computer nicht verfügbar)</translation>
    </message>
    <message>
        <source>%1</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>Choose the model folder</source>
        <translation>Modellordner wählen</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The language of menus and messages</source>
        <translation>Die Sprache der Menüs und Meldungen</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>The new language takes effect after gitvqa is restarted.</source>
        <translation>Die neue Sprache wird nach einem Neustart von gitvqa wirksam.</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>Oberfläche</translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation>Spr&amp;ache:</translation>
    </message>
    <message>
        <source>Hugging Face access token</source>
        <translation>Hugging-Face-Zugriffstoken</translation>
    </message>
    <message>
        <source>Needed only for gated or private models. Stored in a file only you can read.</source>
        <translation>Nur für zugangsbeschränkte oder private Modelle nötig. Wird in einer Datei gespeichert, die nur Sie lesen können.</translation>
    </message>
    <message>
        <source>hf_… (only for gated or private models)</source>
        <translation>hf_… (nur für zugangsbeschränkte oder private Modelle)</translation>
    </message>
    <message>
        <source>Empty: %1 is used.</source>
        <translation>Leer: %1 wird verwendet.</translation>
    </message>
    <message>
        <source>Create one at huggingface.co/settings/tokens, after accepting the model&apos;s terms.</source>
        <translation>Erstellen Sie eines unter huggingface.co/settings/tokens, nachdem Sie die Bedingungen des Modells akzeptiert haben.</translation>
    </message>
    <message>
        <source>Token not saved</source>
        <translation>Token nicht gespeichert</translation>
    </message>
    <message>
        <source>Hugging Face</source>
        <translation>Hugging Face</translation>
    </message>
    <message>
        <source>Access &amp;token:</source>
        <translation>Zugriffs&amp;token:</translation>
    </message>
    <message>
        <source>Weights on the CPU</source>
        <translation>Gewichte auf der CPU</translation>
    </message>
    <message>
        <source>How the CPU stores the answer decoder&apos;s weights. Smaller weights answer faster and differ slightly from float32; they need the CPU with float32 precision</source>
        <translation>Wie die CPU die Gewichte des Antwort-Decoders speichert. Kleinere Gewichte antworten schneller und weichen leicht von float32 ab; sie erfordern die CPU mit float32-Genauigkeit</translation>
    </message>
    <message>
        <source>float32 (exact)</source>
        <translation>float32 (exakt)</translation>
    </message>
    <message>
        <source>bfloat16 (faster, nearly exact)</source>
        <translation>bfloat16 (schneller, fast exakt)</translation>
    </message>
    <message>
        <source>int8 (fastest, small drift)</source>
        <translation>int8 (am schnellsten, kleine Abweichung)</translation>
    </message>
    <message>
        <source>&amp;Weights on the CPU:</source>
        <translation>&amp;Gewichte auf der CPU:</translation>
    </message>
</context>
<context>
    <name>gitvqa::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Every keyboard shortcut of the window, grouped by what it acts on</source>
        <translation>Alle Tastenkürzel des Fensters, gruppiert nach dem, worauf sie wirken</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>Wirkung</translation>
    </message>
    <message>
        <source>Shortcut list</source>
        <translation>Liste der Tastenkürzel</translation>
    </message>
    <message>
        <source>Commands, their keys and what they do</source>
        <translation>Befehle, ihre Tasten und ihre Wirkung</translation>
    </message>
    <message>
        <source>Question box</source>
        <translation>Fragefeld</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>Fragen</translation>
    </message>
    <message>
        <source>Send the question about the marked segment or the playhead</source>
        <translation>Die Frage zum markierten Abschnitt oder zur Abspielposition senden</translation>
    </message>
    <message>
        <source>New line</source>
        <translation>Neue Zeile</translation>
    </message>
    <message>
        <source>Start a new line in the question</source>
        <translation>Eine neue Zeile in der Frage beginnen</translation>
    </message>
    <message>
        <source>Last question</source>
        <translation>Letzte Frage</translation>
    </message>
    <message>
        <source>In an empty box: bring back the last question</source>
        <translation>In einem leeren Feld: die letzte Frage zurückholen</translation>
    </message>
    <message>
        <source>Leave the box</source>
        <translation>Feld verlassen</translation>
    </message>
    <message>
        <source>Give the keys back to the player (shortcuts do not act while typing)</source>
        <translation>Die Tasten wieder dem Player überlassen (beim Tippen wirken keine Tastenkürzel)</translation>
    </message>
    <message>
        <source>Video (when it has the focus)</source>
        <translation>Video (wenn es den Fokus hat)</translation>
    </message>
    <message>
        <source>Volume up</source>
        <translation>Lauter</translation>
    </message>
    <message>
        <source>Louder by 5 %</source>
        <translation>5 % lauter</translation>
    </message>
    <message>
        <source>Volume down</source>
        <translation>Leiser</translation>
    </message>
    <message>
        <source>Quieter by 5 %</source>
        <translation>5 % leiser</translation>
    </message>
</context>
<context>
    <name>gitvqa::TimeText</name>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
</context>
<context>
    <name>gitvqa::TimelineWidget</name>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No video</source>
        <translation>Kein Video</translation>
    </message>
    <message>
        <source>Click or drag to seek. The marked segment is a band: drag its edges to resize it, its middle to move it. Markers below the pictures are earlier questions; click one to jump there, or press Page Up and Page Down (Ctrl+Left, Ctrl+Right) to go from one to the next and Enter to show its answer.</source>
        <translation>Klicken oder ziehen, um die Position zu ändern. Der markierte Abschnitt ist ein Band: Ziehen Sie an seinen Rändern, um die Größe zu ändern, an seiner Mitte, um ihn zu verschieben. Markierungen unter den Bildern sind frühere Fragen; klicken Sie auf eine, um dorthin zu springen, oder gehen Sie mit Bild auf und Bild ab (Strg+Links, Strg+Rechts) von einer zur nächsten und zeigen Sie mit der Eingabetaste ihre Antwort.</translation>
    </message>
    <message>
        <source>Question %1 of %2, %3: %4</source>
        <translation>Frage %1 von %2, %3: %4</translation>
    </message>
    <message>
        <source>Timeline, %1</source>
        <translation>Zeitleiste, %1</translation>
    </message>
</context>
<context>
    <name>gitvqa::UnsavedTranscriptPrompt</name>
    <message>
        <source>Transcript Not Saved</source>
        <translation>Transkript nicht gespeichert</translation>
    </message>
    <message>
        <source>The answers about this video are not saved.</source>
        <translation>Die Antworten zu diesem Video sind nicht gespeichert.</translation>
    </message>
    <message>
        <source>They could not be written to the session folder.</source>
        <translation>Sie konnten nicht in den Sitzungsordner geschrieben werden.</translation>
    </message>
    <message>
        <source>Save Transcript As…</source>
        <translation>Transkript speichern unter…</translation>
    </message>
    <message>
        <source>Quit Without Saving</source>
        <translation>Ohne Speichern beenden</translation>
    </message>
    <message>
        <source>Save Transcript As</source>
        <translation>Transkript speichern unter</translation>
    </message>
    <message>
        <source>gitvqa transcripts (*.json)</source>
        <translation>gitvqa-Transkripte (*.json)</translation>
    </message>
</context>
<context>
    <name>gitvqa::VideoFingerprint</name>
    <message>
        <source>Cannot read “%1”: %2</source>
        <translation>„%1“ kann nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>gitvqa::VideoPlayer</name>
    <message>
        <source>unknown error</source>
        <translation>unbekannter Fehler</translation>
    </message>
    <message>
        <source>“%1” cannot be played (%2). Check that the file is a complete video; Qt Multimedia&apos;s FFmpeg backend plays what FFmpeg can decode.</source>
        <translation>„%1“ kann nicht abgespielt werden (%2). Prüfen Sie, ob die Datei ein vollständiges Video ist; das FFmpeg-Backend von Qt Multimedia spielt ab, was FFmpeg dekodieren kann.</translation>
    </message>
</context>
<context>
    <name>gitvqa::WorkerStatus</name>
    <message>
        <source>Worker activity</source>
        <translation>Aktivität des Workers</translation>
    </message>
    <message>
        <source>What the model worker is doing now</source>
        <translation>Was der Modell-Worker gerade tut</translation>
    </message>
    <message>
        <source>Worker progress</source>
        <translation>Fortschritt des Workers</translation>
    </message>
    <message>
        <source>Progress of the current model work</source>
        <translation>Fortschritt der aktuellen Modellarbeit</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>The model in use, the device it runs on and its precision</source>
        <translation>Das verwendete Modell, das Gerät, auf dem es läuft, und seine Präzision</translation>
    </message>
    <message>
        <source>No model</source>
        <translation>Kein Modell</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message numerus="yes">
        <source> · %n thread(s)</source>
        <translation>
            <numerusform> · %n Thread</numerusform>
            <numerusform> · %n Threads</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Ask questions about a video.</source>
        <translation>Fragen zu einem Video stellen.</translation>
    </message>
    <message>
        <source>The video to open.</source>
        <translation>Das zu öffnende Video.</translation>
    </message>
    <message>
        <source>Use the model in DIR for this run.</source>
        <translation>Für diesen Lauf das Modell in DIR verwenden.</translation>
    </message>
</context>
</TS>
