namespace PrintFarm.Notifications;

/// <summary>An event as an account's log keeps it: the exact JSON body its webhooks were sent.</summary>
[GenerateSerializer, Alias("PrintFarm.PublishedEvent")]
public sealed record PublishedEvent
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Type { get; init; }
    [Id(2)] public required DateTimeOffset Time { get; init; }
    [Id(3)] public required string Reference { get; init; }
    /// <summary><c>{"id","type","time","data":{order's customer view}}</c>.</summary>
    [Id(4)] public required string Body { get; init; }
}
