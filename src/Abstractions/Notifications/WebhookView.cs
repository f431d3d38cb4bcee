namespace PrintFarm.Notifications;

/// <summary>A subscription as its account sees it: never its secret.</summary>
[GenerateSerializer, Alias("PrintFarm.WebhookView")]
public sealed record WebhookView
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Url { get; init; }
    [Id(2)] public required List<string> Events { get; init; }
    [Id(3)] public required DateTimeOffset CreatedAt { get; init; }
}
