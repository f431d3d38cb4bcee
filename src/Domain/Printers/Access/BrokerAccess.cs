namespace PrintFarm.Printers.Access;

/// <summary>
/// Who may do what on the farm's broker. The farm's own account (silos and their printer links)
/// may do anything; a printer only what <see cref="PrinterTopics"/> allows; nobody else connects.
/// </summary>
public static class BrokerAccess
{
    /// <summary>The silos' client ids (<c>printfarm-silo</c>, <c>printfarm-silo-{machine}-{port}</c>).</summary>
    public const string SiloClientIdPrefix = "printfarm-silo";

    /// <summary>A dialect printer's link in the silo (<c>printfarm-link-{printer id}</c>).</summary>
    public const string LinkClientIdPrefix = "printfarm-link-";

    /// <summary>
    /// A broker session is taken over by whoever connects with its client id, with its queued QoS 1
    /// events: the silos' and links' ids belong to the farm's own credentials.
    /// </summary>
    public static bool IsReservedClientId(string? clientId) =>
        clientId is not null && (clientId.StartsWith(SiloClientIdPrefix, StringComparison.Ordinal) || clientId.StartsWith(LinkClientIdPrefix, StringComparison.Ordinal));

    /// <summary>
    /// A printer id that could stand for the farm (its account name, a reserved client id) never
    /// becomes a printer's login. Null when <paramref name="printerId"/> may have credentials.
    /// </summary>
    public static string? WhyNoCredentials(string? printerId, string? farmUsername)
    {
        if (string.IsNullOrWhiteSpace(printerId) || !PrintFarm.Protocol.PrinterId.IsValid(printerId))
            return $"A printer id is 1 to {PrintFarm.Protocol.PrinterId.MaxLength} letters, digits, '-', '_' or '.'.";
        if (IsReservedClientId(printerId) || printerId.StartsWith("printfarm", StringComparison.OrdinalIgnoreCase))
            return "Printer ids starting with 'printfarm' are reserved for the farm's own MQTT clients.";
        if (farmUsername is not null && string.Equals(printerId, farmUsername, StringComparison.OrdinalIgnoreCase))
            return "That id is the farm's own MQTT account.";
        return null;
    }
}
