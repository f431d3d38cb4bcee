namespace PrintFarm.Notifications;

/// <summary>What operators see of one delivery (<c>GET /api/notifications</c>): never a secret, never a body.</summary>
[GenerateSerializer, Alias("PrintFarm.DeliveryRecord")]
public sealed record DeliveryRecord
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string EventId { get; init; }
    [Id(2)] public required string Type { get; init; }
    [Id(3)] public required string Reference { get; init; }
    [Id(4)] public required Channel Channel { get; init; }
    /// <summary>The URL without its query, or the email address.</summary>
    [Id(5)] public required string Target { get; init; }
    [Id(6)] public required DeliveryStatus Status { get; init; }
    [Id(7)] public required int Attempts { get; init; }
    [Id(8)] public string? LastError { get; init; }
    [Id(9)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(10)] public required DateTimeOffset UpdatedAt { get; init; }
    [Id(11)] public DateTimeOffset? NextAttemptAt { get; init; }
    [Id(12)] public required string Receiver { get; init; }
}
