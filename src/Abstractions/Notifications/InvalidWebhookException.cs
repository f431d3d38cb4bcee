namespace PrintFarm.Notifications;

/// <summary>A subscription that cannot be kept, field by field.</summary>
[GenerateSerializer, Alias("PrintFarm.InvalidWebhookException")]
public sealed class InvalidWebhookException(Dictionary<string, string[]> errors) : Exception("The webhook is not valid.")
{
    [Id(0)] public Dictionary<string, string[]> Errors { get; } = errors;
}
