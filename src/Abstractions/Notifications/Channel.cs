namespace PrintFarm.Notifications;

/// <summary>How a message leaves the farm.</summary>
public enum Channel
{
    /// <summary>A signed JSON POST to a subscription's URL (Standard Webhooks).</summary>
    Webhook,
    /// <summary>A form POST of <c>reference</c> to the order's <c>notification_url</c> (Sculpteo).</summary>
    NotificationUrl,
    Email,
}
