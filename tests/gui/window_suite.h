#pragma once
// What the window suites share. The settings they start from: the tiny reference checkpoint on the CPU, a 4 s playhead window and
// answers of at most `maxAnswerTokens`, so an answer takes well under a second. Saved before the window is created
// (the window reads its settings once, at construction).

#include "reference_data.h"
#include "ui/chat/chat_controller.h"
#include "ui/settings/app_settings.h"

#include <QTest>

namespace gitvqa::testing {

inline void saveTinyModelSettings(int maxAnswerTokens, bool preEncode)
{
    AppSettings s;
    s.modelDir = referencePath(QStringLiteral("tiny-git-video"));
    s.device = QStringLiteral("cpu");
    s.maxAnswerTokens = maxAnswerTokens;
    s.windowSeconds = 4.0;
    s.preEncode = preEncode;
    s.save();
}

// Waits (processing events) until the exchange `id` is no longer streaming; false when it still is after `timeoutMs`.
inline bool waitAnswerFinished(const ChatController& chat, const QString& id, int timeoutMs)
{
    return QTest::qWaitFor([&] { return !chat.entry(id).isActive(); }, timeoutMs);
}

} // namespace gitvqa::testing
