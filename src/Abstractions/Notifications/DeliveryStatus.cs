namespace PrintFarm.Notifications;

public enum DeliveryStatus
{
    /// <summary>Queued, or being tried again.</summary>
    Pending,
    Delivered,
    /// <summary>Given up: refused by the farm's rules, or not accepted within Notifications:GiveUpAfter.</summary>
    Failed,
}
