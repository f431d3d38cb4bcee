namespace PrintFarm.Notifications;

/// <summary>One order's deliveries, as stored: the records operators see, and each message for a redelivery.</summary>
public sealed class OrderDeliveriesState
{
    public List<DeliveryRecord> Records { get; set; } = [];
    public Dictionary<string, NotificationMessage> Messages { get; set; } = [];
}
