namespace PrintFarm.Notifications;

/// <summary>
/// The receivers that had a message fail and still hold it: woken when a silo starts, since a
/// single silo's reminders live in memory and do not outlast a restart. A receiver joins on its
/// first failed attempt and leaves once its queue is empty, so receivers that answer at once never write here.
/// </summary>
[Alias("PrintFarm.IPendingDeliveriesGrain")]
public interface IPendingDeliveriesGrain : IGrainWithStringKey
{
    public const string Key = "all";

    [Alias("Owe")]
    Task Owe(string receiver);

    [Alias("Settled")]
    Task Settled(string receiver);

    /// <summary>Wakes every receiver that still owes; returns how many.</summary>
    [Alias("Wake")]
    Task<int> Wake();
}
