namespace PrintFarm.Notifications;

/// <summary>Who the order's emails go to, in which language and time zone: not part of the order's public view.</summary>
[GenerateSerializer, Alias("PrintFarm.CustomerContact")]
public sealed record CustomerContact
{
    [Id(0)] public string? Email { get; init; }
    [Id(1)] public string? Name { get; init; }
    [Id(2)] public string? Language { get; init; }
    [Id(3)] public string? TimeZone { get; init; }
    /// <summary>The order's reply key, for the reply link in the customer's emails.</summary>
    [Id(4)] public string? ReplyKey { get; init; }
}
