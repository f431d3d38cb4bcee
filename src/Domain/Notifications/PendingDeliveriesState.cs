namespace PrintFarm.Notifications;

public sealed class PendingDeliveriesState
{
    public HashSet<string> Receivers { get; set; } = [];
}
