namespace PrintFarm.Silo.PrintFiles.Ftps;

/// <summary>
/// An FTPS operation failed. The message says what failed in words an operator can act on; it
/// never holds the password (the client builds every message itself and scrubs server text).
/// </summary>
public sealed class FtpsException : Exception
{
    public FtpsException(string message, int? replyCode = null, Exception? innerException = null)
        : base(message, innerException) => ReplyCode = replyCode;

    /// <summary>The server's reply code when a reply caused the failure; null for network, TLS or timeout failures.</summary>
    public int? ReplyCode { get; }

    /// <summary>The control connection cannot be trusted after this failure; the client refuses further calls.</summary>
    internal bool ConnectionLost { get; init; }
}
