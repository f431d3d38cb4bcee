namespace PrintFarm.Notifications;

/// <summary>The event named by <c>after</c> is not in the account's log (never was, or older than the log keeps).</summary>
[GenerateSerializer, Alias("PrintFarm.UnknownEventException")]
public sealed class UnknownEventException(string id, int kept) : Exception($"Event '{id}' is not in this account's log, which keeps the newest {kept} events; start again without 'after'.")
{
    [Id(0)] public string EventId { get; } = id;
}
