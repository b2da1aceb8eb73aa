<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>QObject</name>
    <message>
        <source>Unknown export format %1.</source>
        <translation>未知的导出格式 %1。</translation>
    </message>
    <message>
        <source>Export Transcript</source>
        <translation>导出问答记录</translation>
    </message>
    <message>
        <source>There is nothing to export yet: ask a question about the video first.</source>
        <translation>还没有可导出的内容：请先就视频提一个问题。</translation>
    </message>
    <message>
        <source>The transcript could not be written to %1: %2
Choose another folder and try again.</source>
        <translation>无法将问答记录写入 %1：%2
请选择其他文件夹后重试。</translation>
    </message>
    <message>
        <source>nothing could be rendered</source>
        <translation>无法生成任何内容</translation>
    </message>
    <message numerus="yes">
        <source>Exporting the transcript (a picture for each of %n questions)…</source>
        <translation>
            <numerusform>正在导出对话记录（为 %n 个问题各配一张图片）…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>gitvqa::Actions</name>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Playback</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>片段</translation>
    </message>
    <message>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <source>&amp;Open Video…</source>
        <translation>打开视频(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a video file</source>
        <translation>打开视频文件</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Close the application</source>
        <translation>关闭应用程序</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Model, device, decoding and question window</source>
        <translation>模型、设备、解码方式和提问时间窗</translation>
    </message>
    <message>
        <source>&amp;Play/Pause</source>
        <translation>播放/暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Start or pause playback</source>
        <translation>开始或暂停播放</translation>
    </message>
    <message>
        <source>Back 5 Seconds</source>
        <translation>后退 5 秒</translation>
    </message>
    <message>
        <source>Jump 5 seconds back</source>
        <translation>向后跳 5 秒</translation>
    </message>
    <message>
        <source>Forward 5 Seconds</source>
        <translation>前进 5 秒</translation>
    </message>
    <message>
        <source>Jump 5 seconds forward</source>
        <translation>向前跳 5 秒</translation>
    </message>
    <message>
        <source>Previous Frame</source>
        <translation>上一帧</translation>
    </message>
    <message>
        <source>Pause and step one frame back</source>
        <translation>暂停并后退一帧</translation>
    </message>
    <message>
        <source>Next Frame</source>
        <translation>下一帧</translation>
    </message>
    <message>
        <source>Pause and step one frame forward</source>
        <translation>暂停并前进一帧</translation>
    </message>
    <message>
        <source>Shuttle Back</source>
        <translation>穿梭后退</translation>
    </message>
    <message>
        <source>Slower when fast-forwarding, otherwise jump 5 seconds back</source>
        <translation>快进时减速，否则向后跳 5 秒</translation>
    </message>
    <message>
        <source>Shuttle Pause</source>
        <translation>穿梭暂停</translation>
    </message>
    <message>
        <source>Pause playback</source>
        <translation>暂停播放</translation>
    </message>
    <message>
        <source>Shuttle Forward</source>
        <translation>穿梭前进</translation>
    </message>
    <message>
        <source>Play; press again to play faster (up to 2×)</source>
        <translation>播放；再按一次可加快播放（最快 2×）</translation>
    </message>
    <message>
        <source>Normal Speed</source>
        <translation>正常速度</translation>
    </message>
    <message>
        <source>Play at 1×</source>
        <translation>以 1× 速度播放</translation>
    </message>
    <message>
        <source>&amp;Mute</source>
        <translation>静音(&amp;M)</translation>
    </message>
    <message>
        <source>Mute or unmute the sound</source>
        <translation>静音或取消静音</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <source>Show the video on the whole screen (also double-click the video)</source>
        <translation>全屏显示视频（也可双击视频）</translation>
    </message>
    <message>
        <source>Mark &amp;In</source>
        <translation>标记起点(&amp;I)</translation>
    </message>
    <message>
        <source>Start the segment to ask about here</source>
        <translation>从此处开始要提问的片段</translation>
    </message>
    <message>
        <source>Mark &amp;Out</source>
        <translation>标记终点(&amp;O)</translation>
    </message>
    <message>
        <source>End the segment to ask about here</source>
        <translation>在此处结束要提问的片段</translation>
    </message>
    <message>
        <source>&amp;Clear Segment</source>
        <translation>清除片段(&amp;C)</translation>
    </message>
    <message>
        <source>Forget the marked segment (in full screen: leave full screen)</source>
        <translation>清除已标记的片段（全屏时：退出全屏）</translation>
    </message>
    <message>
        <source>Ask a &amp;Question</source>
        <translation>提问(&amp;Q)</translation>
    </message>
    <message>
        <source>Move the keyboard focus to the question box</source>
        <translation>将键盘焦点移到提问框</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>List every keyboard shortcut</source>
        <translation>列出所有键盘快捷键</translation>
    </message>
    <message>
        <source>&amp;About gitvqa</source>
        <translation>关于 gitvqa(&amp;A)</translation>
    </message>
    <message>
        <source>Version and credits</source>
        <translation>版本与致谢</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>&amp;Models…</source>
        <translation>模型(&amp;M)…</translation>
    </message>
    <message>
        <source>Find, download and choose the model that answers</source>
        <translation>查找、下载并选择用于回答的模型</translation>
    </message>
    <message>
        <source>S&amp;can Video…</source>
        <translation>扫描视频(&amp;C)…</translation>
    </message>
    <message>
        <source>Ask one question about every window of the video (or of the marked segment)</source>
        <translation>对视频（或标记片段）的每个窗口提出同一个问题</translation>
    </message>
    <message>
        <source>&amp;Export Transcript…</source>
        <translation>导出问答记录(&amp;E)…</translation>
    </message>
    <message>
        <source>Save the questions and answers as Markdown, JSON, CSV, SRT, WebVTT or HTML</source>
        <translation>将问题和回答保存为 Markdown、JSON、CSV、SRT、WebVTT 或 HTML</translation>
    </message>
    <message>
        <source>Timeline (when it has the focus)</source>
        <translation>时间轴（获得焦点时）</translation>
    </message>
    <message>
        <source>&amp;Go to Time…</source>
        <translation>跳转到时间(&amp;G)…</translation>
    </message>
    <message>
        <source>Type a time such as 1:23, 83 or 1:02:03.5 and jump there</source>
        <translation>输入时间（如 1:23、83 或 1:02:03.5）并跳转到该处</translation>
    </message>
    <message>
        <source>Volume &amp;Up</source>
        <translation>增大音量(&amp;U)</translation>
    </message>
    <message>
        <source>Louder by 5 % (also ↑ while the video has the focus)</source>
        <translation>音量增大 5 %（视频获得焦点时也可按 ↑）</translation>
    </message>
    <message>
        <source>Volume &amp;Down</source>
        <translation>减小音量(&amp;D)</translation>
    </message>
    <message>
        <source>Quieter by 5 % (also ↓ while the video has the focus)</source>
        <translation>音量减小 5 %（视频获得焦点时也可按 ↓）</translation>
    </message>
    <message>
        <source>Previous Question Marker</source>
        <translation>上一个问题标记</translation>
    </message>
    <message>
        <source>Jump to the question asked before this point of the video</source>
        <translation>跳转到视频中此处之前提出的问题</translation>
    </message>
    <message>
        <source>Next Question Marker</source>
        <translation>下一个问题标记</translation>
    </message>
    <message>
        <source>Jump to the question asked after this point of the video</source>
        <translation>跳转到视频中此处之后提出的问题</translation>
    </message>
    <message>
        <source>Show the Question</source>
        <translation>显示问题</translation>
    </message>
    <message>
        <source>Show the chosen marker&apos;s question and answer in the chat</source>
        <translation>在聊天中显示所选标记的问题和回答</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <source>&amp;Stop Answer</source>
        <translation>停止回答(&amp;S)</translation>
    </message>
    <message>
        <source>Stop the answer coming in (Esc); the words so far are kept</source>
        <translation>停止正在生成的回答（Esc）；已生成的文字会保留</translation>
    </message>
    <message>
        <source>&amp;Regenerate Answer</source>
        <translation>重新生成回答(&amp;R)</translation>
    </message>
    <message>
        <source>Ask the latest (or focused) question again; the earlier answer is kept</source>
        <translation>再次提出最新（或选中）的问题；之前的回答会保留</translation>
    </message>
    <message>
        <source>&amp;Copy Answer</source>
        <translation>复制回答(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the latest (or focused) answer to the clipboard</source>
        <translation>将最新（或选中）的回答复制到剪贴板</translation>
    </message>
    <message>
        <source>&amp;Edit Question</source>
        <translation>编辑问题(&amp;E)</translation>
    </message>
    <message>
        <source>Put the latest (or focused) question back into the box to change and ask again</source>
        <translation>将最新（或选中）的问题放回输入框，以便修改后再次提问</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Bring back the questions just deleted or cleared</source>
        <translation>恢复刚刚删除或清空的问题</translation>
    </message>
    <message>
        <source>C&amp;lear Transcript</source>
        <translation>清空记录(&amp;L)</translation>
    </message>
    <message>
        <source>Remove every question and answer of this video (Undo brings them back)</source>
        <translation>移除此视频的所有问题和回答（撤销可恢复）</translation>
    </message>
</context>
<context>
    <name>gitvqa::ChatController</name>
    <message>
        <source>Open a video first (File → Open Video…), then ask about it.</source>
        <translation>请先打开视频（文件 → 打开视频…），再针对它提问。</translation>
    </message>
    <message>
        <source>Answering, %1 tokens/s</source>
        <translation>正在回答，%1 词元/秒</translation>
    </message>
    <message>
        <source>Answering</source>
        <translation>正在回答</translation>
    </message>
    <message>
        <source>Encoding segment %1</source>
        <translation>正在编码片段 %1</translation>
    </message>
    <message>
        <source>Reading frames</source>
        <translation>正在读取帧</translation>
    </message>
    <message>
        <source>Waiting for the model</source>
        <translation>正在等待模型</translation>
    </message>
    <message>
        <source>Opening transcript…</source>
        <translation>正在打开记录…</translation>
    </message>
    <message>
        <source>Deleted “%1”.</source>
        <translation>已删除“%1”。</translation>
    </message>
    <message numerus="yes">
        <source>Cleared %n question(s).</source>
        <translation>
            <numerusform>已清空 %n 个问题。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>gitvqa::ChatExchangeWidget</name>
    <message>
        <source>Opening the video…</source>
        <translation>正在打开视频…</translation>
    </message>
    <message>
        <source>Reading frames…</source>
        <translation>正在读取帧…</translation>
    </message>
    <message>
        <source>Looking at the frames…</source>
        <translation>正在分析画面…</translation>
    </message>
    <message>
        <source>Answering…</source>
        <translation>正在回答…</translation>
    </message>
    <message>
        <source>Waiting for the model…</source>
        <translation>正在等待模型…</translation>
    </message>
    <message>
        <source>first word after %1 s</source>
        <translation>首个词用时 %1 秒</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 词元/秒</translation>
    </message>
    <message>
        <source>frames already encoded</source>
        <translation>帧已预先编码</translation>
    </message>
    <message>
        <source>Question and answer</source>
        <translation>问题与回答</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>片段</translation>
    </message>
    <message>
        <source>The part of the video this question is about; activate to jump there</source>
        <translation>此问题所涉及的视频部分；激活可跳转到该处</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>How long the first word took and how fast the answer came</source>
        <translation>首个词的用时以及回答的生成速度</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop answering</source>
        <translation>停止回答</translation>
    </message>
    <message>
        <source>Stop this answer now; the words so far are kept</source>
        <translation>立即停止此回答；已生成的词会保留</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Ask the same question about the same segment again</source>
        <translation>就同一片段再次提出相同的问题</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy answer</source>
        <translation>复制回答</translation>
    </message>
    <message>
        <source>Copy the answer text to the clipboard</source>
        <translation>将回答文本复制到剪贴板</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Remove this question and answer from the transcript</source>
        <translation>从对话记录中删除此问题及回答</translation>
    </message>
    <message>
        <source>Jump to %1</source>
        <translation>跳转到 %1</translation>
    </message>
    <message>
        <source>(stopped before the first word)</source>
        <translation>（在生成首个词之前已停止）</translation>
    </message>
    <message>
        <source>%1 … (stopped)</source>
        <translation>%1 …（已停止）</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>(the model gave an empty answer)</source>
        <translation>（模型给出了空回答）</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Edit question</source>
        <translation>编辑问题</translation>
    </message>
    <message>
        <source>Put this question back into the question box to change it and ask again</source>
        <translation>将此问题放回输入框，以便修改后再次提问</translation>
    </message>
    <message>
        <source>Previous answer</source>
        <translation>上一个回答</translation>
    </message>
    <message>
        <source>Show the answer given before this one</source>
        <translation>显示在此之前给出的回答</translation>
    </message>
    <message>
        <source>Next answer</source>
        <translation>下一个回答</translation>
    </message>
    <message>
        <source>Show the answer given after this one</source>
        <translation>显示在此之后给出的回答</translation>
    </message>
    <message>
        <source>Answer version</source>
        <translation>回答版本</translation>
    </message>
    <message>
        <source>Answer: %1</source>
        <translation>回答：%1</translation>
    </message>
</context>
<context>
    <name>gitvqa::ChatFrameStrip</name>
    <message>
        <source>Frames the model saw</source>
        <translation>模型看到的帧</translation>
    </message>
    <message numerus="yes">
        <source>%n frame(s), at %1. Left and Right choose one, Enter jumps there.</source>
        <translation>
            <numerusform>%n 帧，位于 %1。用左、右方向键选择一帧，按回车键跳转到该处。</numerusform>
        </translation>
    </message>
    <message>
        <source>Frame %1 of %2, at %3</source>
        <translation>第 %1 帧，共 %2 帧，位于 %3</translation>
    </message>
    <message>
        <source>%1 (for %2)</source>
        <translation>%1（对应 %2）</translation>
    </message>
    <message>
        <source>%1 (asked for %2: the video&apos;s first decodable frame, as the file starts before its first keyframe)</source>
        <translation>%1（请求的是 %2：视频的第一个可解码帧，因为文件在第一个关键帧之前开始）</translation>
    </message>
</context>
<context>
    <name>gitvqa::ChatNoModelPanel</name>
    <message>
        <source>No model</source>
        <translation>没有模型</translation>
    </message>
    <message>
        <source>The question-answering model is missing; choose the folder that holds it</source>
        <translation>缺少问答模型；请选择包含该模型的文件夹</translation>
    </message>
    <message>
        <source>&lt;h3&gt;No model yet&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;尚无模型&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>No model yet</source>
        <translation>尚无模型</translation>
    </message>
    <message>
        <source>What is missing</source>
        <translation>缺少的内容</translation>
    </message>
    <message>
        <source>&lt;p&gt;gitvqa answers with Microsoft&apos;s GIT video model, &lt;b&gt;microsoft/git-base-msrvtt-qa&lt;/b&gt; (about 700 MB), published on &lt;a href=&apos;https://huggingface.co/microsoft/git-base-msrvtt-qa&apos;&gt;Hugging Face&lt;/a&gt;. Download the whole folder — config.json, model.safetensors (or pytorch_model.bin), vocab.txt or tokenizer.json and preprocessor_config.json — for example with &lt;code&gt;huggingface-cli download microsoft/git-base-msrvtt-qa&lt;/code&gt;, then choose that folder here.&lt;/p&gt;&lt;p&gt;A copy in the Hugging Face cache (&lt;code&gt;%1&lt;/code&gt;) is found on its own.&lt;/p&gt;</source>
        <translation>&lt;p&gt;gitvqa 使用 Microsoft 的 GIT 视频模型 &lt;b&gt;microsoft/git-base-msrvtt-qa&lt;/b&gt;（约 700 MB）来回答，该模型发布在 &lt;a href=&apos;https://huggingface.co/microsoft/git-base-msrvtt-qa&apos;&gt;Hugging Face&lt;/a&gt; 上。请下载整个文件夹——config.json、model.safetensors（或 pytorch_model.bin）、vocab.txt 或 tokenizer.json 以及 preprocessor_config.json——例如使用 &lt;code&gt;huggingface-cli download microsoft/git-base-msrvtt-qa&lt;/code&gt;，然后在此处选择该文件夹。&lt;/p&gt;&lt;p&gt;Hugging Face 缓存（&lt;code&gt;%1&lt;/code&gt;）中的副本会被自动找到。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Where the model comes from</source>
        <translation>模型的获取方式</translation>
    </message>
    <message>
        <source>Choose Model Folder…</source>
        <translation>选择模型文件夹…</translation>
    </message>
    <message>
        <source>Choose model folder</source>
        <translation>选择模型文件夹</translation>
    </message>
    <message>
        <source>Pick the folder that holds the model&apos;s files</source>
        <translation>选择包含模型文件的文件夹</translation>
    </message>
    <message>
        <source>No model folder is set.</source>
        <translation>尚未设置模型文件夹。</translation>
    </message>
</context>
<context>
    <name>gitvqa::ChatPane</name>
    <message>
        <source>Chat</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Questions about the video and their answers</source>
        <translation>关于视频的问题及其回答</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Dismiss notice</source>
        <translation>关闭提示</translation>
    </message>
    <message>
        <source>Hide this message</source>
        <translation>隐藏此消息</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>对话内容</translation>
    </message>
    <message>
        <source>Every question asked about this video, newest last</source>
        <translation>关于此视频的所有提问，最新的在最后</translation>
    </message>
    <message>
        <source>What the next question is about</source>
        <translation>下一个问题针对的内容</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>提问</translation>
    </message>
    <message>
        <source>Send the question</source>
        <translation>发送问题</translation>
    </message>
    <message>
        <source>Open a video first (File → Open Video…).</source>
        <translation>请先打开视频（文件 → 打开视频…）。</translation>
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
        <translation>建议的问题</translation>
    </message>
    <message>
        <source>Pause on a moment or mark a segment with I and O, then ask. Try:</source>
        <translation>在某一时刻暂停，或用 I 和 O 标记一个片段，然后（用英文）提问。试试：</translation>
    </message>
    <message>
        <source>Ask: %1</source>
        <translation>提问：%1</translation>
    </message>
    <message>
        <source>Ask this suggested question about the current segment</source>
        <translation>就当前片段提出这个建议的问题</translation>
    </message>
    <message>
        <source>Ask (Enter)</source>
        <translation>提问（回车）</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Bring back what was just removed</source>
        <translation>恢复刚刚移除的内容</translation>
    </message>
    <message>
        <source>Show earlier questions</source>
        <translation>显示更早的问题</translation>
    </message>
    <message>
        <source>Show later questions</source>
        <translation>显示更晚的问题</translation>
    </message>
    <message numerus="yes">
        <source>Show earlier questions (%n more)</source>
        <translation>
            <numerusform>显示更早的问题（还有 %n 个）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Show later questions (%n more)</source>
        <translation>
            <numerusform>显示更晚的问题（还有 %n 个）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>gitvqa::ChatQuestionEdit</name>
    <message>
        <source>Ask about the video… (Enter sends, Shift+Enter for a new line)</source>
        <translation>就视频提问…（回车发送，Shift+回车换行）</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Type a question about the marked segment or the moment at the playhead. Enter asks; Shift+Enter starts a new line; Up in an empty box brings back the last question.</source>
        <translation>输入关于已标记片段或播放头所在时刻的问题。回车提问；Shift+回车换行；在空白输入框中按上方向键可调出上一个问题。</translation>
    </message>
</context>
<context>
    <name>gitvqa::ChatTranscript</name>
    <message>
        <source>Answers about this video will not be saved: %1</source>
        <translation>关于此视频的回答将不会被保存：%1</translation>
    </message>
    <message>
        <source>The transcript could not be saved: %1 gitvqa keeps it and tries again.</source>
        <translation>无法保存记录：%1 gitvqa 会保留它并再次尝试。</translation>
    </message>
</context>
<context>
    <name>gitvqa::Engine</name>
    <message>
        <source>CUDA was requested but no CUDA device is available (this libtorch build or machine has none); choose device cpu or auto</source>
        <translation>请求了 CUDA，但没有可用的 CUDA 设备（此 libtorch 版本或此计算机没有）；请选择设备 cpu 或 auto</translation>
    </message>
    <message>
        <source>Unknown device &apos;%1&apos; (use auto, cpu, cuda, cuda:N or mps)</source>
        <translation>未知设备“%1”（可用 auto、cpu、cuda、cuda:N 或 mps）</translation>
    </message>
    <message>
        <source>Unknown device &apos;%1&apos;</source>
        <translation>未知设备“%1”</translation>
    </message>
    <message>
        <source>CUDA device %1 does not exist (%2 available)</source>
        <translation>CUDA 设备 %1 不存在（可用 %2 个）</translation>
    </message>
    <message>
        <source>MPS (Apple GPU) was requested but is not available on this machine; choose cpu or auto</source>
        <translation>请求了 MPS（Apple GPU），但此计算机上不可用；请选择 cpu 或 auto</translation>
    </message>
    <message>
        <source>Unknown precision &apos;%1&apos; (use auto, float32, float16 or bfloat16)</source>
        <translation>未知精度“%1”（可用 auto、float32、float16 或 bfloat16）</translation>
    </message>
    <message>
        <source>float16 is not supported on the CPU; choose float32 or bfloat16</source>
        <translation>CPU 不支持 float16；请选择 float32 或 bfloat16</translation>
    </message>
    <message>
        <source>No weights in %1: expected model.safetensors, model.safetensors.index.json or pytorch_model.bin</source>
        <translation>%1 中没有权重：应为 model.safetensors、model.safetensors.index.json 或 pytorch_model.bin</translation>
    </message>
    <message>
        <source>Cannot read %1: the file is missing or unreadable</source>
        <translation>无法读取 %1：文件缺失或不可读</translation>
    </message>
</context>
<context>
    <name>gitvqa::GoToTimeBar</name>
    <message>
        <source>Go to time:</source>
        <translation>跳转到时间：</translation>
    </message>
    <message>
        <source>1:23, 83 or 1:02:03.5</source>
        <translation>1:23、83 或 1:02:03.5</translation>
    </message>
    <message>
        <source>Go to time</source>
        <translation>跳转到时间</translation>
    </message>
    <message>
        <source>Type a time as seconds or minutes:seconds or hours:minutes:seconds, then press Enter; Esc closes</source>
        <translation>以秒、分:秒或时:分:秒输入时间，然后按 Enter；按 Esc 关闭</translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>共 %1</translation>
    </message>
    <message>
        <source>“%1” is not a time: type e.g. 1:23, 83 or 1:02:03.5</source>
        <translation>“%1”不是时间：请输入如 1:23、83 或 1:02:03.5</translation>
    </message>
</context>
<context>
    <name>gitvqa::MainWindow</name>
    <message>
        <source>Videos (*.mp4 *.m4v *.mov *.mkv *.webm *.avi *.mpg *.mpeg *.ts *.mts *.m2ts *.wmv *.flv *.3gp *.ogv);;All files (*)</source>
        <translation>视频 (*.mp4 *.m4v *.mov *.mkv *.webm *.avi *.mpg *.mpeg *.ts *.mts *.m2ts *.wmv *.flv *.3gp *.ogv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>gitvqa</source>
        <translation>gitvqa</translation>
    </message>
    <message>
        <source>Ask questions about a video</source>
        <translation>就视频提问</translation>
    </message>
    <message>
        <source>Player and chat</source>
        <translation>播放器与对话</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Recent videos</source>
        <translation>最近打开的视频</translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation>播放(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Segment</source>
        <translation>片段(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>About gitvqa</source>
        <translation>关于 gitvqa</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;gitvqa %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Ask questions about a video with Microsoft&apos;s GIT model (git-base-msrvtt-qa), computed on this computer.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;gitvqa %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;使用 Microsoft 的 GIT 模型（git-base-msrvtt-qa）就视频提问，全部在本机上计算。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1 — gitvqa</source>
        <translation>%1 — gitvqa</translation>
    </message>
    <message>
        <source>Loading model %1 %</source>
        <translation>正在加载模型 %1%</translation>
    </message>
    <message>
        <source>The model could not be loaded, so the previous one is still in use. %1</source>
        <translation>无法加载该模型，因此仍在使用先前的模型。%1</translation>
    </message>
    <message>
        <source>No model</source>
        <translation>没有模型</translation>
    </message>
    <message>
        <source>Segment %1 prepared: the next question about it starts sooner</source>
        <translation>片段 %1 已准备好：下一个相关问题会更快开始回答</translation>
    </message>
    <message>
        <source>&amp;%1 %2</source>
        <translation>&amp;%1 %2</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>清空列表(&amp;C)</translation>
    </message>
    <message>
        <source>“%1” does not exist or is not a file. Check the name, or open another video with File → Open Video….</source>
        <translation>“%1”不存在或不是文件。请检查名称，或通过“文件 → 打开视频…”打开其他视频。</translation>
    </message>
    <message>
        <source>Open Video</source>
        <translation>打开视频</translation>
    </message>
    <message>
        <source>Open a video first (File → Open Video…), then ask about it.</source>
        <translation>请先打开视频（文件 → 打开视频…），再针对它提问。</translation>
    </message>
    <message>
        <source>There is no model to answer with. Choose the model folder first.</source>
        <translation>没有可用于回答的模型。请先选择模型文件夹。</translation>
    </message>
    <message>
        <source>Next question is about the marked segment %1 (Esc clears it).</source>
        <translation>下一个问题针对已标记的片段 %1（按 Esc 清除）。</translation>
    </message>
    <message>
        <source>Next question is about %1, %2 s around the playhead (I and O mark a segment).</source>
        <translation>下一个问题针对 %1，即播放头前后共 %2 秒（用 I 和 O 标记片段）。</translation>
    </message>
    <message>
        <source>Choose the model folder</source>
        <translation>选择模型文件夹</translation>
    </message>
    <message>
        <source>Download a Model…</source>
        <translation>下载模型…</translation>
    </message>
    <message>
        <source>Download a model</source>
        <translation>下载模型</translation>
    </message>
    <message>
        <source>Open the model manager to download or pick a model</source>
        <translation>打开模型管理器以下载或选择模型</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>聊天(&amp;C)</translation>
    </message>
</context>
<context>
    <name>gitvqa::Media</name>
    <message>
        <source>No video file given.</source>
        <translation>未指定视频文件。</translation>
    </message>
    <message>
        <source>File not found: %1</source>
        <translation>找不到文件：%1</translation>
    </message>
    <message>
        <source>This is a folder, not a video file: %1</source>
        <translation>这是文件夹，不是视频文件：%1</translation>
    </message>
    <message>
        <source>The file is empty: %1</source>
        <translation>文件为空：%1</translation>
    </message>
    <message>
        <source>Out of memory opening %1</source>
        <translation>打开 %1 时内存不足</translation>
    </message>
    <message>
        <source>Cannot read the file (permission denied): %1</source>
        <translation>无法读取文件（权限被拒绝）：%1</translation>
    </message>
    <message>
        <source>Timed out or cancelled while opening %1</source>
        <translation>打开 %1 时超时或已取消</translation>
    </message>
    <message>
        <source>Not a video file FFmpeg can read (unknown format, or the file is truncated or corrupt): %1</source>
        <translation>不是 FFmpeg 能读取的视频文件（格式未知，或文件被截断或已损坏）：%1</translation>
    </message>
    <message>
        <source>Not a video file FFmpeg can read: this looks like a text file.</source>
        <translation>不是 FFmpeg 能读取的视频文件：这看起来是文本文件。</translation>
    </message>
    <message>
        <source>The video data is corrupt (%1).</source>
        <translation>视频数据已损坏（%1）。</translation>
    </message>
    <message>
        <source>Timed out or cancelled while reading the video.</source>
        <translation>读取视频时超时或已取消。</translation>
    </message>
    <message>
        <source>The file contains no video data: it is truncated or corrupt.</source>
        <translation>文件不含视频数据：文件被截断或已损坏。</translation>
    </message>
    <message>
        <source>The video stream has no picture size: the file is truncated or corrupt.</source>
        <translation>视频流没有画面尺寸：文件被截断或已损坏。</translation>
    </message>
    <message>
        <source>cannot open %1</source>
        <translation>无法打开 %1</translation>
    </message>
    <message>
        <source>preprocessor_config.json: malformed JSON: %1</source>
        <translation>preprocessor_config.json：JSON 格式错误：%1</translation>
    </message>
    <message>
        <source>preprocessor_config.json: the top level must be a JSON object</source>
        <translation>preprocessor_config.json：顶层必须是 JSON 对象</translation>
    </message>
</context>
<context>
    <name>gitvqa::ModelController</name>
    <message>
        <source>Automatic (CUDA, then MPS, then CPU)</source>
        <translation>自动（依次尝试 CUDA、MPS、CPU）</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA (first GPU)</source>
        <translation>CUDA（第一块 GPU）</translation>
    </message>
    <message>
        <source>CUDA, GPU %1</source>
        <translation>CUDA，GPU %1</translation>
    </message>
    <message>
        <source>Apple MPS</source>
        <translation>Apple MPS</translation>
    </message>
    <message>
        <source>No model folder is set, and microsoft/git-base-msrvtt-qa is not in the Hugging Face cache.</source>
        <translation>尚未设置模型文件夹，且 Hugging Face 缓存中没有 microsoft/git-base-msrvtt-qa。</translation>
    </message>
    <message>
        <source>The model folder “%1” does not exist (any more). Choose the folder again.</source>
        <translation>模型文件夹“%1”不存在（或已被移除）。请重新选择文件夹。</translation>
    </message>
    <message>
        <source>“%1” has no config.json, so it is not a Hugging Face model folder. Choose the folder that holds config.json and the weights.</source>
        <translation>“%1”中没有 config.json，因此不是 Hugging Face 模型文件夹。请选择包含 config.json 和权重文件的文件夹。</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>正在启动</translation>
    </message>
</context>
<context>
    <name>gitvqa::ModelManagerDialog</name>
    <message>
        <source>about %1 s left</source>
        <translation>约剩 %1 秒</translation>
    </message>
    <message>
        <source>about %1 min left</source>
        <translation>约剩 %1 分钟</translation>
    </message>
    <message>
        <source>about %1 h left</source>
        <translation>约剩 %1 小时</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>not a GIT model (%1)</source>
        <translation>不是 GIT 模型（%1）</translation>
    </message>
    <message>
        <source>missing: %1</source>
        <translation>缺少：%1</translation>
    </message>
    <message>
        <source>problems: %1</source>
        <translation>问题：%1</translation>
    </message>
    <message>
        <source>video, %1 frames</source>
        <translation>视频，%1 帧</translation>
    </message>
    <message>
        <source>image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Hugging Face cache</source>
        <translation>Hugging Face 缓存</translation>
    </message>
    <message>
        <source>downloaded</source>
        <translation>已下载</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>The models found on this computer, and the ones that can be downloaded</source>
        <translation>在此计算机上找到的模型，以及可以下载的模型</translation>
    </message>
    <message>
        <source>&lt;b&gt;On this computer&lt;/b&gt;</source>
        <translation>&lt;b&gt;此计算机上&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Models on this computer</source>
        <translation>此计算机上的模型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>&lt;b&gt;Available for download&lt;/b&gt;</source>
        <translation>&lt;b&gt;可供下载&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Models available for download</source>
        <translation>可供下载的模型</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>What it is for</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Download progress</source>
        <translation>下载进度</translation>
    </message>
    <message>
        <source>Download status</source>
        <translation>下载状态</translation>
    </message>
    <message>
        <source>Cancel Download</source>
        <translation>取消下载</translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation>取消下载</translation>
    </message>
    <message>
        <source>Stop the download; starting it again later resumes where it stopped</source>
        <translation>停止下载；稍后重新开始时会从中断处继续</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Use This Model</source>
        <translation>使用此模型</translation>
    </message>
    <message>
        <source>Use this model</source>
        <translation>使用此模型</translation>
    </message>
    <message>
        <source>Answer questions with the selected model from now on</source>
        <translation>从现在起使用所选模型回答问题</translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Add folder</source>
        <translation>添加文件夹</translation>
    </message>
    <message>
        <source>Pick a folder that holds a model and check it</source>
        <translation>选择包含模型的文件夹并进行检查</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Refresh the list</source>
        <translation>刷新列表</translation>
    </message>
    <message>
        <source>The download did not finish. %1</source>
        <translation>下载未完成。%1</translation>
    </message>
    <message>
        <source>Download cancelled. Starting it again continues where it stopped.</source>
        <translation>下载已取消。重新开始时会从中断处继续。</translation>
    </message>
    <message>
        <source>No model found yet. Download one below, or add a folder that holds one.</source>
        <translation>尚未找到模型。请在下方下载一个，或添加包含模型的文件夹。</translation>
    </message>
    <message>
        <source>%1 (recommended)</source>
        <translation>%1（推荐）</translation>
    </message>
    <message>
        <source>about %1</source>
        <translation>约 %1</translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation>正在下载…</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Download %1</source>
        <translation>下载 %1</translation>
    </message>
    <message>
        <source>Every known model is already on this computer.</source>
        <translation>所有已知模型都已在此计算机上。</translation>
    </message>
    <message>
        <source>This model cannot be used: it is incomplete or not a GIT model.</source>
        <translation>无法使用此模型：它不完整或不是 GIT 模型。</translation>
    </message>
    <message>
        <source>Starting the download of %1…</source>
        <translation>正在开始下载 %1…</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Downloaded to “%1”. Press “Use This Model” to answer with it.</source>
        <translation>已下载到“%1”。点击“使用此模型”即可用它回答。</translation>
    </message>
    <message>
        <source>Add a model folder</source>
        <translation>添加模型文件夹</translation>
    </message>
    <message>
        <source>“%1” is not a folder.</source>
        <translation>“%1”不是文件夹。</translation>
    </message>
    <message>
        <source>“%1” cannot be used as a model: %2</source>
        <translation>“%1”无法用作模型：%2</translation>
    </message>
    <message>
        <source>“%1” cannot be used: %2</source>
        <translation>无法使用“%1”：%2</translation>
    </message>
    <message>
        <source>Stop the download?</source>
        <translation>停止下载？</translation>
    </message>
    <message>
        <source>%1 is still downloading. Stop it and close? Downloading it again later continues where it stopped.</source>
        <translation>%1 仍在下载。要停止并关闭吗？稍后再次下载会从中断处继续。</translation>
    </message>
    <message>
        <source>Keep Downloading</source>
        <translation>继续下载</translation>
    </message>
    <message>
        <source>Stop and Close</source>
        <translation>停止并关闭</translation>
    </message>
    <message>
        <source>Looking for models…</source>
        <translation>正在查找模型…</translation>
    </message>
</context>
<context>
    <name>gitvqa::Models</name>
    <message>
        <source>Cannot create the lock file %1 (%2). Check that the Hugging Face cache is writable.</source>
        <translation>无法创建锁文件 %1（%2）。请检查 Hugging Face 缓存是否可写。</translation>
    </message>
    <message>
        <source>Cannot lock %1 (%2).</source>
        <translation>无法锁定 %1（%2）。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 in the Hugging Face cache. Check that it is writable, or set HF_HUB_CACHE to a folder that is.</source>
        <translation>无法在 Hugging Face 缓存中创建文件夹 %1。请检查其是否可写，或将 HF_HUB_CACHE 设为可写的文件夹。</translation>
    </message>
    <message>
        <source>Cannot link %1 in the Hugging Face cache (%2).</source>
        <translation>无法在 Hugging Face 缓存中链接 %1（%2）。</translation>
    </message>
    <message>
        <source>Cannot write %1 in the Hugging Face cache (%2).</source>
        <translation>无法在 Hugging Face 缓存中写入 %1（%2）。</translation>
    </message>
    <message>
        <source>Set HF_HUB_CACHE (or HF_HOME) to a folder you can write to, then try again.</source>
        <translation>请将 HF_HUB_CACHE（或 HF_HOME）设为可写入的文件夹，然后重试。</translation>
    </message>
    <message>
        <source>Cannot create the Hugging Face cache folder %1: %2 is a file, not a folder. %3</source>
        <translation>无法创建 Hugging Face 缓存文件夹 %1：%2 是文件，不是文件夹。%3</translation>
    </message>
    <message>
        <source>Cannot create the Hugging Face cache folder %1. %2</source>
        <translation>无法创建 Hugging Face 缓存文件夹 %1。%2</translation>
    </message>
    <message>
        <source>Cannot write to the Hugging Face cache folder %1 (%2). %3</source>
        <translation>无法写入 Hugging Face 缓存文件夹 %1（%2）。%3</translation>
    </message>
    <message>
        <source>Not enough free disk space in %1: the download needs %2 and %3 is free. Free up space, or set HF_HUB_CACHE to a folder on a larger disk, then try again.</source>
        <translation>%1 中的可用磁盘空间不足：下载需要 %2，可用 %3。请释放空间，或将 HF_HUB_CACHE 设为更大磁盘上的文件夹，然后重试。</translation>
    </message>
    <message>
        <source>Asking %1 for the files of %2</source>
        <translation>正在向 %1 查询 %2 的文件</translation>
    </message>
    <message>
        <source>HF_HUB_OFFLINE is set, so nothing is downloaded, and %1 is not complete in the Hugging Face cache (%2). Unset HF_HUB_OFFLINE (or set it to 0) and try again while online.</source>
        <translation>已设置 HF_HUB_OFFLINE，因此不会下载任何内容，而 %1 在 Hugging Face 缓存中不完整（%2）。请取消 HF_HUB_OFFLINE（或设为 0），联网后重试。</translation>
    </message>
    <message>
        <source>Offline (HF_HUB_OFFLINE): using %1 from the cache</source>
        <translation>离线（HF_HUB_OFFLINE）：使用缓存中的 %1</translation>
    </message>
    <message>
        <source>The Hub&apos;s file list for %1 gives no usable checksum for %2, so it cannot be verified. Try again later, or check HF_ENDPOINT.</source>
        <translation>Hub 上 %1 的文件列表没有给出 %2 的可用校验和，因此无法校验。请稍后重试，或检查 HF_ENDPOINT。</translation>
    </message>
    <message>
        <source>Waiting for %1, which is downloading %2 into the same cache (%3)</source>
        <translation>正在等待 %1，它正在将 %2 下载到同一缓存（%3）</translation>
    </message>
    <message>
        <source>Downloading %1 (%2 of %3)</source>
        <translation>正在下载 %1（第 %2 个，共 %3 个）</translation>
    </message>
    <message>
        <source>The model folder %1 cannot be used: %2.</source>
        <translation>无法使用模型文件夹 %1：%2。</translation>
    </message>
    <message>
        <source>No usable GIT model in %1%2</source>
        <translation>在 %1 中没有可用的 GIT 模型%2</translation>
    </message>
    <message>
        <source>: it holds no config.json.</source>
        <translation>：其中没有 config.json。</translation>
    </message>
    <message>
        <source> (%1 found, none complete).</source>
        <translation>（找到 %1 个，均不完整）。</translation>
    </message>
    <message>
        <source>No usable GIT model found (looked in: %1). Download %2 with `gitvqa download` or from the Models dialog, or put its files (config.json, model.safetensors or pytorch_model.bin, vocab.txt or tokenizer.json, preprocessor_config.json) in %3, or name a model folder with --model DIR.</source>
        <translation>未找到可用的 GIT 模型（查找位置：%1）。请用 `gitvqa download` 或在“模型”对话框中下载 %2，或将其文件（config.json、model.safetensors 或 pytorch_model.bin、vocab.txt 或 tokenizer.json、preprocessor_config.json）放到 %3，或用 --model DIR 指定模型文件夹。</translation>
    </message>
    <message>
        <source>Cannot remove the saved token %1.</source>
        <translation>无法删除已保存的令牌 %1。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the token.</source>
        <translation>无法为令牌创建文件夹 %1。</translation>
    </message>
    <message>
        <source>Cannot save the token in %1 (%2).</source>
        <translation>无法将令牌保存到 %1（%2）。</translation>
    </message>
</context>
<context>
    <name>gitvqa::PlayerControls</name>
    <message>
        <source>Player controls</source>
        <translation>播放器控制</translation>
    </message>
    <message>
        <source>Previous frame</source>
        <translation>上一帧</translation>
    </message>
    <message>
        <source>Play or pause</source>
        <translation>播放或暂停</translation>
    </message>
    <message>
        <source>Next frame</source>
        <translation>下一帧</translation>
    </message>
    <message>
        <source>Playback position</source>
        <translation>播放位置</translation>
    </message>
    <message>
        <source>Current time and length of the video</source>
        <translation>当前时间与视频时长</translation>
    </message>
    <message>
        <source>Mark segment start</source>
        <translation>标记片段起点</translation>
    </message>
    <message>
        <source>[ In</source>
        <translation>[ 起点</translation>
    </message>
    <message>
        <source>Mark segment end</source>
        <translation>标记片段终点</translation>
    </message>
    <message>
        <source>Out ]</source>
        <translation>终点 ]</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>播放速度</translation>
    </message>
    <message>
        <source>From a quarter of normal speed to twice normal speed</source>
        <translation>从正常速度的四分之一到两倍</translation>
    </message>
    <message>
        <source>Playback speed (L plays faster, J slower)</source>
        <translation>播放速度（L 加快，J 减慢）</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>静音</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <source>Sound volume in percent</source>
        <translation>音量百分比</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>全屏</translation>
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
        <translation>播放器消息</translation>
    </message>
</context>
<context>
    <name>gitvqa::PlayerPane</name>
    <message>
        <source>&lt;p style=&apos;font-size:large&apos;&gt;Open a video to begin&lt;/p&gt;&lt;p&gt;File → Open Video… (%1), or drop a video file here.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;font-size:large&apos;&gt;打开视频即可开始&lt;/p&gt;&lt;p&gt;文件 → 打开视频…（%1），或将视频文件拖放到此处。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>No video open</source>
        <translation>未打开视频</translation>
    </message>
    <message>
        <source>Open a video with File, Open Video, or drop a video file on the window</source>
        <translation>通过“文件”→“打开视频”打开视频，或将视频文件拖放到窗口上</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>The video being watched. Double-click for full screen.</source>
        <translation>正在观看的视频。双击可全屏。</translation>
    </message>
    <message>
        <source>“%1” cannot be read: %2 Choose another file, or convert this one with FFmpeg.</source>
        <translation>无法读取“%1”：%2 请选择其他文件，或用 FFmpeg 转换此文件。</translation>
    </message>
    <message>
        <source>Player</source>
        <translation>播放器</translation>
    </message>
    <message>
        <source>Volume %1 % (muted)</source>
        <translation>音量 %1 %（已静音）</translation>
    </message>
    <message>
        <source>Volume %1 %</source>
        <translation>音量 %1 %</translation>
    </message>
</context>
<context>
    <name>gitvqa::ScanController</name>
    <message>
        <source>Scan</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>Ask the question about every window of the video (or of the marked segment)</source>
        <translation>对视频（或标记片段）的每个窗口提出这个问题</translation>
    </message>
    <message>
        <source>Scan…</source>
        <translation>扫描…</translation>
    </message>
    <message>
        <source>Open a video first (File → Open Video…), then scan it.</source>
        <translation>请先打开视频（文件 → 打开视频…），再进行扫描。</translation>
    </message>
    <message>
        <source>the marked segment %1</source>
        <translation>标记的片段 %1</translation>
    </message>
    <message>
        <source>the whole video</source>
        <translation>整个视频</translation>
    </message>
    <message>
        <source>There is no model to answer with. Choose the model folder first.</source>
        <translation>没有可用于回答的模型。请先选择模型文件夹。</translation>
    </message>
    <message>
        <source>Type the question to ask about every window first.</source>
        <translation>请先输入要对每个窗口提出的问题。</translation>
    </message>
    <message>
        <source>Describing the video</source>
        <translation>正在描述视频</translation>
    </message>
    <message>
        <source>Scanning the video</source>
        <translation>正在扫描视频</translation>
    </message>
    <message>
        <source>Scanning… %1 of %2 windows</source>
        <translation>正在扫描… 第 %1 个，共 %2 个窗口</translation>
    </message>
    <message>
        <source>Scanning…</source>
        <translation>正在扫描…</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Stopped after %1 of %2 windows</source>
        <translation>已在 %2 个窗口中的第 %1 个后停止</translation>
    </message>
    <message>
        <source>Stopped after %1 windows</source>
        <translation>已在 %1 个窗口后停止</translation>
    </message>
    <message>
        <source>%1 windows</source>
        <translation>%1 个窗口</translation>
    </message>
    <message>
        <source>Describing</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Scanning</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>%1: %2 of %3 windows, about %4 left</source>
        <translation>%1：第 %2 个，共 %3 个窗口，约剩 %4</translation>
    </message>
    <message>
        <source>%1: %2 of %3 windows</source>
        <translation>%1：第 %2 个，共 %3 个窗口</translation>
    </message>
</context>
<context>
    <name>gitvqa::ScanDialog</name>
    <message>
        <source>Scan Video</source>
        <translation>扫描视频</translation>
    </message>
    <message>
        <source>Scan video</source>
        <translation>扫描视频</translation>
    </message>
    <message>
        <source>Ask one question about every window of %1; the answers appear on the timeline.</source>
        <translation>对%1的每个窗口提出同一个问题；答案会显示在时间轴上。</translation>
    </message>
    <message>
        <source>e.g. is there a dog?</source>
        <translation>例如 is there a dog?</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Describe each window instead (captioning models)</source>
        <translation>改为描述每个窗口（描述模型）</translation>
    </message>
    <message>
        <source>No question: the model writes a caption for every window</source>
        <translation>无需问题：模型为每个窗口写一段描述</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Window width</source>
        <translation>窗口宽度</translation>
    </message>
    <message>
        <source>Same as the window (no overlap)</source>
        <translation>与窗口相同（不重叠）</translation>
    </message>
    <message>
        <source>Stride</source>
        <translation>步长</translation>
    </message>
    <message>
        <source>Seconds from one window&apos;s start to the next; smaller than the window makes the windows overlap</source>
        <translation>从一个窗口开始到下一个窗口开始的秒数；小于窗口宽度时窗口会重叠</translation>
    </message>
    <message>
        <source>&amp;Question:</source>
        <translation>问题(&amp;Q)：</translation>
    </message>
    <message>
        <source>&amp;Window:</source>
        <translation>窗口(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Stride:</source>
        <translation>步长(&amp;S)：</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>扫描</translation>
    </message>
</context>
<context>
    <name>gitvqa::ScanLane</name>
    <message>
        <source>Scan results</source>
        <translation>扫描结果</translation>
    </message>
    <message>
        <source>The answer for every scanned window; click a window to jump there</source>
        <translation>每个已扫描窗口的答案；点击窗口即可跳转到该处</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>(no answer)</source>
        <translation>（无答案）</translation>
    </message>
    <message>
        <source>yes %1 %</source>
        <translation>是 %1 %</translation>
    </message>
</context>
<context>
    <name>gitvqa::ScanSummaryWidget</name>
    <message>
        <source>Scan</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>Describe every window</source>
        <translation>描述每个窗口</translation>
    </message>
    <message>
        <source>Scan: %1</source>
        <translation>扫描：%1</translation>
    </message>
    <message>
        <source>Scan progress</source>
        <translation>扫描进度</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the scan; the windows done so far are kept</source>
        <translation>停止扫描；已完成的窗口会保留</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Scan the windows that are still missing</source>
        <translation>扫描尚缺的窗口</translation>
    </message>
    <message>
        <source>(no answer)</source>
        <translation>（无答案）</translation>
    </message>
    <message>
        <source>Jump to %1</source>
        <translation>跳转到 %1</translation>
    </message>
</context>
<context>
    <name>gitvqa::Service</name>
    <message>
        <source>The video %1 does not exist. It may have been moved or deleted.</source>
        <translation>视频 %1 不存在。它可能已被移动或删除。</translation>
    </message>
    <message>
        <source>This video cannot be read: %1</source>
        <translation>无法读取此视频：%1</translation>
    </message>
    <message>
        <source>Frames could not be read from this video: %1</source>
        <translation>无法从此视频读取帧：%1</translation>
    </message>
    <message>
        <source>The frames could not be encoded: %1</source>
        <translation>无法编码这些帧：%1</translation>
    </message>
    <message>
        <source>The question is empty. Type a question about the video first.</source>
        <translation>问题为空。请先输入关于视频的问题。</translation>
    </message>
    <message>
        <source>The answer could not be generated: %1</source>
        <translation>无法生成回答：%1</translation>
    </message>
    <message>
        <source>The model cannot be loaded: %1</source>
        <translation>无法加载模型：%1</translation>
    </message>
    <message>
        <source>No model is loaded. Choose a model folder in Settings.</source>
        <translation>未加载模型。请在“设置”中选择模型文件夹。</translation>
    </message>
    <message>
        <source>The GPU ran out of memory, so the model now runs on the CPU (slower). Close other GPU programs and reload the model to use the GPU again.</source>
        <translation>GPU 显存不足，模型现已改为在 CPU 上运行（较慢）。请关闭其他占用 GPU 的程序并重新加载模型，以再次使用 GPU。</translation>
    </message>
    <message>
        <source>The GPU ran out of memory and the CPU fallback failed: %1</source>
        <translation>GPU 显存不足，且改用 CPU 运行也失败了：%1</translation>
    </message>
    <message>
        <source>The answer failed: %1</source>
        <translation>回答失败：%1</translation>
    </message>
    <message>
        <source>The scan failed: %1</source>
        <translation>扫描失败：%1</translation>
    </message>
    <message>
        <source>No model folder is set. Choose the folder of microsoft/git-base-msrvtt-qa (it holds config.json and model.safetensors).</source>
        <translation>尚未设置模型文件夹。请选择 microsoft/git-base-msrvtt-qa 的文件夹（其中包含 config.json 和 model.safetensors）。</translation>
    </message>
    <message>
        <source>The model folder %1 does not exist. Choose another folder or download the model again.</source>
        <translation>模型文件夹 %1 不存在。请选择其他文件夹，或重新下载模型。</translation>
    </message>
    <message>
        <source>The model&apos;s vocabulary cannot be read: %1</source>
        <translation>无法读取模型的词表：%1</translation>
    </message>
    <message>
        <source>%1 is missing: the model folder is incomplete. Download the model again.</source>
        <translation>缺少 %1：模型文件夹不完整。请重新下载模型。</translation>
    </message>
    <message>
        <source>The vocabulary (%1 tokens) is larger than the model&apos;s (%2): the folder mixes files of different models.</source>
        <translation>词表（%1 个词元）大于模型的词表（%2）：该文件夹混入了不同模型的文件。</translation>
    </message>
    <message>
        <source>preprocessor_config.json makes %1x%2 images but the model expects %3x%3: the folder mixes files of different models.</source>
        <translation>preprocessor_config.json 生成 %1×%2 的图像，但模型需要 %3×%3：该文件夹混入了不同模型的文件。</translation>
    </message>
    <message>
        <source>The question is empty. Type what to look for in every window.</source>
        <translation>问题为空。请输入要在每个时间窗中查找的内容。</translation>
    </message>
    <message>
        <source>The scan window must be longer than zero seconds.</source>
        <translation>扫描时间窗必须长于零秒。</translation>
    </message>
    <message>
        <source>The length of this video is unknown, so it cannot be scanned whole. Mark a segment and scan that.</source>
        <translation>此视频的时长未知，因此无法扫描整个视频。请标记一个片段并扫描该片段。</translation>
    </message>
</context>
<context>
    <name>gitvqa::SessionFile</name>
    <message>
        <source>Cannot create the folder “%1”.</source>
        <translation>无法创建文件夹“%1”。</translation>
    </message>
    <message>
        <source>Cannot save the session to “%1”: %2</source>
        <translation>无法将会话保存到“%1”：%2</translation>
    </message>
    <message>
        <source>Cannot rename “%1” aside.</source>
        <translation>无法将“%1”改名备份。</translation>
    </message>
</context>
<context>
    <name>gitvqa::SessionMergeWrite</name>
    <message>
        <source>Cannot read “%1” to add to it: %2</source>
        <translation>无法读取“%1”以追加内容：%2</translation>
    </message>
    <message>
        <source>“%1” was written by a newer version of gitvqa; it is left as it is.</source>
        <translation>“%1”由更新版本的 gitvqa 写入；该文件保持原样。</translation>
    </message>
    <message>
        <source>The session file “%1” was damaged (%2). It was kept as “%3”.</source>
        <translation>会话文件“%1”已损坏（%2）。已保留为“%3”。</translation>
    </message>
</context>
<context>
    <name>gitvqa::SessionStore</name>
    <message>
        <source>Interrupted: gitvqa closed before the answer was complete.</source>
        <translation>已中断：gitvqa 在回答完成前被关闭。</translation>
    </message>
    <message>
        <source>“%1” is the session of another video (%2).</source>
        <translation>“%1”是另一个视频（%2）的会话。</translation>
    </message>
    <message>
        <source>The session file “%1” is damaged (%2). It was kept as “%3”.</source>
        <translation>会话文件“%1”已损坏（%2）。已保留为“%3”。</translation>
    </message>
    <message>
        <source>The session file “%1” is damaged (%2) and could not be renamed aside either; it is left as it is.</source>
        <translation>会话文件“%1”已损坏（%2），且也无法重命名移开；该文件保持原样。</translation>
    </message>
    <message>
        <source>The session file “%1” was written by a newer version of gitvqa and cannot be read here; it is left as it is. New answers about this video are kept in another file.</source>
        <translation>会话文件“%1”由更新版本的 gitvqa 写入，此版本无法读取；该文件保持原样。关于此视频的新回答将保存在另一个文件中。</translation>
    </message>
    <message>
        <source>The session file “%1” could not be opened (%2); it is left as it is and tried again the next time.</source>
        <translation>无法打开会话文件“%1”（%2）；该文件保持原样，下次将再次尝试。</translation>
    </message>
    <message>
        <source>“%1” was written by a newer version of gitvqa; it is left as it is. Give another --session file.</source>
        <translation>“%1”由更新版本的 gitvqa 写入；该文件保持原样。请指定另一个 --session 文件。</translation>
    </message>
</context>
<context>
    <name>gitvqa::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>The model, where it runs, and how questions are asked</source>
        <translation>模型、运行位置以及提问方式</translation>
    </message>
    <message>
        <source>Model folder</source>
        <translation>模型文件夹</translation>
    </message>
    <message>
        <source>The folder holding config.json and the weights of a GIT model</source>
        <translation>包含 GIT 模型的 config.json 和权重文件的文件夹</translation>
    </message>
    <message>
        <source>Hugging Face cache (microsoft/git-base-msrvtt-qa)</source>
        <translation>Hugging Face 缓存（microsoft/git-base-msrvtt-qa）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Browse for the model folder</source>
        <translation>浏览以查找模型文件夹</translation>
    </message>
    <message>
        <source>Choose the model folder in a file dialog</source>
        <translation>在文件对话框中选择模型文件夹</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Where the model computes</source>
        <translation>模型在何处运算</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>Number format of the computation: float16 and bfloat16 are faster on GPUs; the CPU uses float32</source>
        <translation>运算所用的数值格式：float16 和 bfloat16 在 GPU 上更快；CPU 使用 float32</translation>
    </message>
    <message>
        <source>Automatic (float32 on the CPU, float16 on GPUs)</source>
        <translation>自动（CPU 上用 float32，GPU 上用 float16）</translation>
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
        <translation>CPU 线程数</translation>
    </message>
    <message>
        <source>Threads for computing on the CPU; 0 uses every core</source>
        <translation>在 CPU 上运算所用的线程数；0 表示使用全部核心</translation>
    </message>
    <message>
        <source>All cores (%1)</source>
        <translation>全部核心（%1）</translation>
    </message>
    <message>
        <source>Frames per question</source>
        <translation>每个问题的帧数</translation>
    </message>
    <message>
        <source>How many frames of the segment the model looks at; fixed by the model</source>
        <translation>模型查看片段中的多少帧；由模型决定</translation>
    </message>
    <message>
        <source>known once a model is loaded</source>
        <translation>加载模型后可知</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>文件夹(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>设备(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Precision:</source>
        <translation>精度(&amp;P)：</translation>
    </message>
    <message>
        <source>CPU &amp;threads:</source>
        <translation>CPU 线程数(&amp;T)：</translation>
    </message>
    <message>
        <source>Frames per question:</source>
        <translation>每个问题的帧数：</translation>
    </message>
    <message>
        <source>Window around the playhead</source>
        <translation>播放头周围的时间窗</translation>
    </message>
    <message>
        <source>Without a marked segment, questions are about this many seconds around the playhead</source>
        <translation>未标记片段时，问题针对播放头前后这么多秒的内容</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Maximum answer length</source>
        <translation>最大回答长度</translation>
    </message>
    <message>
        <source>The most word pieces an answer may have</source>
        <translation>一个回答最多可包含的词元数</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> 个词元</translation>
    </message>
    <message>
        <source>Prepare the segment while paused</source>
        <translation>暂停时预先准备片段</translation>
    </message>
    <message>
        <source>Pre-encoding</source>
        <translation>预编码</translation>
    </message>
    <message>
        <source>Encode the frames of the segment in the background when playback pauses, the playhead is moved or a segment is marked, so the answer starts sooner</source>
        <translation>在暂停播放、移动播放头或标记片段时，于后台编码该片段的帧，使回答更快开始</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>提问</translation>
    </message>
    <message>
        <source>&amp;Window around the playhead:</source>
        <translation>播放头周围的时间窗(&amp;W)：</translation>
    </message>
    <message>
        <source>Maximum answer &amp;length:</source>
        <translation>最大回答长度(&amp;L)：</translation>
    </message>
    <message>
        <source>Decoding</source>
        <translation>解码</translation>
    </message>
    <message>
        <source>How the answer&apos;s words are chosen</source>
        <translation>回答中的词如何选出</translation>
    </message>
    <message>
        <source>Greedy (most likely word each time)</source>
        <translation>贪心（每次选择最可能的词）</translation>
    </message>
    <message>
        <source>Beam search</source>
        <translation>束搜索</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>采样</translation>
    </message>
    <message>
        <source>Beam width</source>
        <translation>束宽</translation>
    </message>
    <message>
        <source>How many candidate answers beam search keeps</source>
        <translation>束搜索保留的候选回答数量</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Sampling: below 1 is more predictable, above 1 more varied</source>
        <translation>采样：低于 1 更可预测，高于 1 更多样</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <source>Sampling: only the most likely words whose probabilities add up to this are considered</source>
        <translation>采样：只考虑概率之和达到此值的最可能的那些词</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Sampling: the same seed gives the same answer again</source>
        <translation>采样：相同的种子会再次给出相同的回答</translation>
    </message>
    <message>
        <source>&amp;Strategy:</source>
        <translation>策略(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Beam width:</source>
        <translation>束宽(&amp;B)：</translation>
    </message>
    <message>
        <source>T&amp;emperature:</source>
        <translation>温度(&amp;E)：</translation>
    </message>
    <message>
        <source>Top-&amp;p:</source>
        <translation>Top-p(&amp;O)：</translation>
    </message>
    <message>
        <source>S&amp;eed:</source>
        <translation>随机种子(&amp;R)：</translation>
    </message>
    <message>
        <source>%1 (not available on this computer)</source>
        <translation>%1（在此计算机上不可用）</translation>
    </message>
    <message>
        <source>%1</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>Choose the model folder</source>
        <translation>选择模型文件夹</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The language of menus and messages</source>
        <translation>菜单和消息所用的语言</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>The new language takes effect after gitvqa is restarted.</source>
        <translation>新语言将在重新启动 gitvqa 后生效。</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>界面</translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation>语言(&amp;G)：</translation>
    </message>
    <message>
        <source>Hugging Face access token</source>
        <translation>Hugging Face 访问令牌</translation>
    </message>
    <message>
        <source>Needed only for gated or private models. Stored in a file only you can read.</source>
        <translation>仅受限或私有模型需要。保存在只有您能读取的文件中。</translation>
    </message>
    <message>
        <source>hf_… (only for gated or private models)</source>
        <translation>hf_…（仅用于受限或私有模型）</translation>
    </message>
    <message>
        <source>Empty: %1 is used.</source>
        <translation>为空：使用 %1。</translation>
    </message>
    <message>
        <source>Create one at huggingface.co/settings/tokens, after accepting the model&apos;s terms.</source>
        <translation>接受模型的条款后，在 huggingface.co/settings/tokens 创建一个。</translation>
    </message>
    <message>
        <source>Token not saved</source>
        <translation>令牌未保存</translation>
    </message>
    <message>
        <source>Hugging Face</source>
        <translation>Hugging Face</translation>
    </message>
    <message>
        <source>Access &amp;token:</source>
        <translation>访问令牌(&amp;T):</translation>
    </message>
    <message>
        <source>Weights on the CPU</source>
        <translation>CPU 上的权重</translation>
    </message>
    <message>
        <source>How the CPU stores the answer decoder&apos;s weights. Smaller weights answer faster and differ slightly from float32; they need the CPU with float32 precision</source>
        <translation>CPU 存储回答解码器权重的方式。较小的权重回答更快，但与 float32 略有差异；需要使用 CPU 和 float32 精度</translation>
    </message>
    <message>
        <source>float32 (exact)</source>
        <translation>float32（精确）</translation>
    </message>
    <message>
        <source>bfloat16 (faster, nearly exact)</source>
        <translation>bfloat16（更快，几乎精确）</translation>
    </message>
    <message>
        <source>int8 (fastest, small drift)</source>
        <translation>int8（最快，略有偏差）</translation>
    </message>
    <message>
        <source>&amp;Weights on the CPU:</source>
        <translation>CPU 上的权重(&amp;W):</translation>
    </message>
</context>
<context>
    <name>gitvqa::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Every keyboard shortcut of the window, grouped by what it acts on</source>
        <translation>窗口的所有键盘快捷键，按作用对象分组</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>作用</translation>
    </message>
    <message>
        <source>Shortcut list</source>
        <translation>快捷键列表</translation>
    </message>
    <message>
        <source>Commands, their keys and what they do</source>
        <translation>命令、对应按键及其作用</translation>
    </message>
    <message>
        <source>Question box</source>
        <translation>提问框</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>提问</translation>
    </message>
    <message>
        <source>Send the question about the marked segment or the playhead</source>
        <translation>发送关于已标记片段或播放头位置的问题</translation>
    </message>
    <message>
        <source>New line</source>
        <translation>换行</translation>
    </message>
    <message>
        <source>Start a new line in the question</source>
        <translation>在问题中另起一行</translation>
    </message>
    <message>
        <source>Last question</source>
        <translation>上一个问题</translation>
    </message>
    <message>
        <source>In an empty box: bring back the last question</source>
        <translation>在空白输入框中：调出上一个问题</translation>
    </message>
    <message>
        <source>Leave the box</source>
        <translation>离开输入框</translation>
    </message>
    <message>
        <source>Give the keys back to the player (shortcuts do not act while typing)</source>
        <translation>将按键交还给播放器（输入时快捷键不起作用）</translation>
    </message>
    <message>
        <source>Video (when it has the focus)</source>
        <translation>视频（获得焦点时）</translation>
    </message>
    <message>
        <source>Volume up</source>
        <translation>增大音量</translation>
    </message>
    <message>
        <source>Louder by 5 %</source>
        <translation>音量增大 5 %</translation>
    </message>
    <message>
        <source>Volume down</source>
        <translation>减小音量</translation>
    </message>
    <message>
        <source>Quieter by 5 %</source>
        <translation>音量减小 5 %</translation>
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
        <translation>时间轴</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>No video</source>
        <translation>无视频</translation>
    </message>
    <message>
        <source>Click or drag to seek. The marked segment is a band: drag its edges to resize it, its middle to move it. Markers below the pictures are earlier questions; click one to jump there, or press Page Up and Page Down (Ctrl+Left, Ctrl+Right) to go from one to the next and Enter to show its answer.</source>
        <translation>单击或拖动可定位。已标记的片段显示为一条色带：拖动其边缘可调整长度，拖动中间可移动它。画面下方的标记是之前的问题；单击即可跳转到该处，或按 Page Up 和 Page Down（Ctrl+左、Ctrl+右）逐个切换，按 Enter 显示其回答。</translation>
    </message>
    <message>
        <source>Question %1 of %2, %3: %4</source>
        <translation>第 %1 个问题（共 %2 个），%3：%4</translation>
    </message>
    <message>
        <source>Timeline, %1</source>
        <translation>时间轴，%1</translation>
    </message>
</context>
<context>
    <name>gitvqa::UnsavedTranscriptPrompt</name>
    <message>
        <source>Transcript Not Saved</source>
        <translation>记录未保存</translation>
    </message>
    <message>
        <source>The answers about this video are not saved.</source>
        <translation>关于此视频的回答尚未保存。</translation>
    </message>
    <message>
        <source>They could not be written to the session folder.</source>
        <translation>无法将它们写入会话文件夹。</translation>
    </message>
    <message>
        <source>Save Transcript As…</source>
        <translation>记录另存为…</translation>
    </message>
    <message>
        <source>Quit Without Saving</source>
        <translation>不保存并退出</translation>
    </message>
    <message>
        <source>Save Transcript As</source>
        <translation>记录另存为</translation>
    </message>
    <message>
        <source>gitvqa transcripts (*.json)</source>
        <translation>gitvqa 记录 (*.json)</translation>
    </message>
</context>
<context>
    <name>gitvqa::VideoFingerprint</name>
    <message>
        <source>Cannot read “%1”: %2</source>
        <translation>无法读取“%1”：%2</translation>
    </message>
</context>
<context>
    <name>gitvqa::VideoPlayer</name>
    <message>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <source>“%1” cannot be played (%2). Check that the file is a complete video; Qt Multimedia&apos;s FFmpeg backend plays what FFmpeg can decode.</source>
        <translation>无法播放“%1”（%2）。请检查文件是否为完整的视频；Qt Multimedia 的 FFmpeg 后端可以播放 FFmpeg 能解码的内容。</translation>
    </message>
</context>
<context>
    <name>gitvqa::WorkerStatus</name>
    <message>
        <source>Worker activity</source>
        <translation>工作线程活动</translation>
    </message>
    <message>
        <source>What the model worker is doing now</source>
        <translation>模型工作线程当前正在做什么</translation>
    </message>
    <message>
        <source>Worker progress</source>
        <translation>工作线程进度</translation>
    </message>
    <message>
        <source>Progress of the current model work</source>
        <translation>当前模型任务的进度</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>The model in use, the device it runs on and its precision</source>
        <translation>正在使用的模型、运行设备及其精度</translation>
    </message>
    <message>
        <source>No model</source>
        <translation>没有模型</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message numerus="yes">
        <source> · %n thread(s)</source>
        <translation>
            <numerusform> · %n 个线程</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Ask questions about a video.</source>
        <translation>就视频提问。</translation>
    </message>
    <message>
        <source>The video to open.</source>
        <translation>要打开的视频。</translation>
    </message>
    <message>
        <source>Use the model in DIR for this run.</source>
        <translation>本次运行使用 DIR 中的模型。</translation>
    </message>
</context>
</TS>
