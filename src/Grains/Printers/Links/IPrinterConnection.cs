namespace PrintFarm.Printers.Links;

/// <summary>One link's own connection to its printer's broker, with its own reconnect loop; reports into an <see cref="ILinkSink"/>.</summary>
public interface IPrinterConnection : IAsyncDisposable
{
    void Start();

    /// <summary>False when not connected or the broker did not take it in time.</summary>
    Task<bool> Publish(OutgoingMessage message, TimeSpan timeout);
}
