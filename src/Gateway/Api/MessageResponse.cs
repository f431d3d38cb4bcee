using PrintFarm.Orders;

namespace PrintFarm.Gateway.Api;

/// <summary>One message of an order's thread; <see cref="By"/> (the staff account) only for staff.</summary>
public sealed record MessageResponse(int Number, string From, string Text, DateTimeOffset At, List<MessageAttachmentResponse> Attachments, string? By)
{
    public static MessageResponse For(OrderMessage m, string reference, bool staff) => new(m.Number, m.From.ToString().ToLowerInvariant(), m.Text, m.At,
        [.. m.Attachments.Select((a, i) => new MessageAttachmentResponse(a.Name, a.Type, a.Size, $"/api/orders/{reference}/messages/{m.Number}/attachments/{i}"))],
        staff ? m.By : null);
}

public sealed record MessageAttachmentResponse(string Name, string Type, long Size, string Url);
