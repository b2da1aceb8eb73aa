// The answer's frame list says which frames stand in for earlier times (issue 13): a cut that starts before its
// first keyframe is sampled from its first decodable frame, and the strip marks those frames and names the time
// that was asked for.

#include "gui_test_main.h"

#include "ui/chat/chat_frame_strip.h"
#include "ui/time_text.h"

#include <QImage>

using namespace gitvqa;

class TestGuiFrameStrip : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void clampedFramesAreMarkedAndExplained()
    {
        ChatFrameStrip strip;
        QImage grey(160, 90, QImage::Format_RGB32);
        grey.fill(QColor(128, 128, 128));
        strip.setFrames({grey, grey, grey}, {2.2, 2.2, 2.5}, {0.5, 1.5, -1.0});
        strip.resize(strip.sizeHint());
        strip.show();
        QVERIFY(QTest::qWaitForWindowExposed(&strip));

        QVERIFY(strip.frameClamped(0) && strip.frameClamped(1));
        QVERIFY(!strip.frameClamped(2));
        const QString clamped = strip.frameDescription(0);
        QVERIFY2(clamped.contains(preciseTimestamp(0.5)) && clamped.contains(preciseTimestamp(2.2))
                     && clamped.contains(QStringLiteral("first decodable frame")),
                 qPrintable(clamped));
        QVERIFY(!strip.frameDescription(2).contains(QStringLiteral("decodable")));
        QVERIFY(strip.accessibleDescription().contains(preciseTimestamp(1.5)));

        // The corner mark, in the highlight colour, on the clamped frames only.
        const QImage shot = strip.grab().toImage();
        const QColor mark = strip.palette().color(QPalette::Highlight);
        auto cornerOf = [&](int i) {
            const QRect r = strip.frameRect(i);
            return shot.pixelColor(r.right() - 2, r.top() + 2);
        };
        QCOMPARE(cornerOf(0), mark);
        QCOMPARE(cornerOf(1), mark);
        QVERIFY2(cornerOf(2) != mark, qPrintable(cornerOf(2).name()));

        // Nothing clamped (every ordinary video): no marks, the old wording.
        strip.setFrames({grey}, {1.0});
        QVERIFY(!strip.frameClamped(0));
        QVERIFY(strip.grab().toImage().pixelColor(strip.frameRect(0).right() - 2, strip.frameRect(0).top() + 2) != mark);
    }
};

GITVQA_GUI_TEST_MAIN(TestGuiFrameStrip, false)
#include "test_gui_frame_strip.moc"
