using System.Security.Cryptography;

namespace PrintFarm.Orders;

/// <summary>
/// The thread between an order's customer and the shop: what a message may be, and the reply key
/// that lets the customer write from the tracking page. Pure: no Orleans, no clock.
/// </summary>
public static class OrderThread
{
    /// <summary>Appends the message, the oldest dropped past <see cref="MessageLimits.MaxMessages"/>; throws <see cref="MessageRefusedException"/> for what the thread cannot take.</summary>
    public static OrderMessage Add(OrderState order, MessageAuthor from, string? text, IReadOnlyList<MessageAttachment>? attachments, string? by, DateTimeOffset now)
    {
        var trimmed = text?.Trim() ?? "";
        var files = attachments ?? [];
        if (trimmed.Length == 0 && files.Count == 0) throw new MessageRefusedException("A message needs some text or an attachment.");
        if (trimmed.Length > MessageLimits.MaxText) throw new MessageRefusedException($"A message holds at most {MessageLimits.MaxText} characters; this one has {trimmed.Length}.");
        if (files.Count > MessageLimits.MaxAttachments) throw new MessageRefusedException($"A message carries at most {MessageLimits.MaxAttachments} attachments.");
        var message = new OrderMessage
        {
            Number = order.Messages.Count > 0 ? order.Messages[^1].Number + 1 : 1,
            From = from,
            Text = trimmed,
            At = now,
            Attachments = [.. files],
            By = from == MessageAuthor.Shop ? by : null,
        };
        order.Messages.Add(message);
        if (order.Messages.Count > MessageLimits.MaxMessages) order.Messages.RemoveRange(0, order.Messages.Count - MessageLimits.MaxMessages);
        order.Version++;
        return message;
    }

    /// <summary>The order's reply key, made on first use.</summary>
    public static string ReplyKey(OrderState order) =>
        order.ReplyKey ??= Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');

    /// <summary>True for the order's own reply key, compared in constant time.</summary>
    public static bool Takes(OrderState order, string? key) =>
        order.ReplyKey is { } own && key is not null
        && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(own), System.Text.Encoding.UTF8.GetBytes(key));
}
