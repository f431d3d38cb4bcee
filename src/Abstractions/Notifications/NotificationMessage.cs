namespace PrintFarm.Notifications;

/// <summary>
/// One message to one receiver, ready to send: the receiver's queue stores it whole, so what it
/// sends after a silo's death is what was decided when the event happened.
/// </summary>
[GenerateSerializer, Alias("PrintFarm.NotificationMessage")]
public sealed record NotificationMessage
{
    /// <summary><c>{event id}~{receiver}</c>: one event's delivery to one receiver.</summary>
    [Id(0)] public required string DeliveryId { get; init; }
    /// <summary>The event's id: what webhooks send as <c>webhook-id</c>, for the receiver to drop repeats.</summary>
    [Id(1)] public required string EventId { get; init; }
    [Id(2)] public required string Type { get; init; }
    [Id(3)] public required string Reference { get; init; }
    [Id(4)] public required Channel Channel { get; init; }
    /// <summary>The URL, or the email address.</summary>
    [Id(5)] public required string Target { get; init; }
    /// <summary>The JSON body (webhook), the form's reference, or the plain-text email.</summary>
    [Id(6)] public required string Body { get; init; }
    /// <summary>The webhook's signing secret, protected with the cluster's key ring.</summary>
    [Id(7)] public string? ProtectedSecret { get; init; }
    [Id(8)] public string? Subject { get; init; }
    [Id(9)] public string? Html { get; init; }
    [Id(10)] public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>The grain that queues it: <c>webhook/…</c>, <c>url/…</c>, <c>mail/…</c>.</summary>
    [Id(11)] public required string Receiver { get; init; }
}
