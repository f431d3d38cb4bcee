namespace PrintFarm.Notifications;

/// <summary>A subscription as <c>POST /api/webhooks</c> takes it.</summary>
[GenerateSerializer, Alias("PrintFarm.WebhookSpec")]
public sealed record WebhookSpec
{
    [Id(0)] public string? Url { get; init; }
    /// <summary>The event types to send; all of them when empty.</summary>
    [Id(1)] public List<string>? Events { get; init; }
    /// <summary>The Standard Webhooks signing secret, <c>whsec_</c> and base64 of 24 to 64 bytes. Never shown again.</summary>
    [Id(2)] public string? Secret { get; init; }
}
