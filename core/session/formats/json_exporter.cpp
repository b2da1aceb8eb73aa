#include "session/formats/json_exporter.h"

#include "session/session_json.h"

namespace gitvqa {

QByteArray JsonExporter::render(const Session& session) const
{
    return sessionToJsonBytes(session);
}

} // namespace gitvqa
