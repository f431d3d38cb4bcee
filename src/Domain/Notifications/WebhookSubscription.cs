namespace PrintFarm.Notifications;

/// <summary>One webhook subscription as its hub stores it: the secret only in protected form.</summary>
public sealed class WebhookSubscription
{
    public string Id { get; set; } = "";
    public string Url { get; set; } = "";
    public List<string> Events { get; set; } = [];
    public string ProtectedSecret { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    public WebhookView View() => new() { Id = Id, Url = Url, Events = Events, CreatedAt = CreatedAt };
}
