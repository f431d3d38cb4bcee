using Microsoft.Extensions.Logging;

namespace PrintFarm.Silo.PrintFiles.Ftps;

internal static partial class FtpsLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "FTPS {Endpoint}: logged in over {Protocol}")]
    public static partial void LoggedIn(ILogger logger, string endpoint, string protocol);

    [LoggerMessage(Level = LogLevel.Debug, Message = "FTPS {Endpoint}: sent {Command}")]
    public static partial void Sent(ILogger logger, string endpoint, string command);

    [LoggerMessage(Level = LogLevel.Information, Message = "FTPS {Endpoint}: stored {Path} ({Bytes} bytes, data channel {Protocol})")]
    public static partial void Stored(ILogger logger, string endpoint, string path, long bytes, string protocol);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FTPS {Endpoint}: {Path} ended with 426 after all {Bytes} bytes were sent; SIZE confirms the file is whole, so the upload counts")]
    public static partial void BenignAbort(ILogger logger, string endpoint, string path, long bytes);

    [LoggerMessage(Level = LogLevel.Debug, Message = "FTPS {Endpoint}: EPSV refused ({Code}), using PASV")]
    public static partial void NoExtendedPassive(ILogger logger, string endpoint, int code);

    [LoggerMessage(Level = LogLevel.Debug, Message = "FTPS {Endpoint}: QUIT failed; the connection is closed anyway")]
    public static partial void QuitFailed(ILogger logger, string endpoint, Exception exception);
}
