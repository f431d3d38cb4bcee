namespace PrintFarm.Notifications;

/// <summary>Events after a given one, oldest first; <see cref="More"/> when the page was cut.</summary>
[GenerateSerializer, Alias("PrintFarm.EventPage")]
public sealed record EventPage
{
    [Id(0)] public required List<PublishedEvent> Events { get; init; }
    [Id(1)] public required bool More { get; init; }
}
