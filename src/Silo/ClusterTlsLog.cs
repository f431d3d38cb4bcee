using Microsoft.Extensions.Logging;

namespace PrintFarm.Silo;

internal static partial class ClusterTlsLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a cluster connection: {Problem}")]
    public static partial void PeerRefused(ILogger logger, string problem);
}
