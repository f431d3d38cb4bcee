namespace PrintFarm.Notifications;

/// <summary>
/// Sends one message once: a signed webhook, a notification-URL form post, an email. Throws
/// <see cref="NotificationRefusedException"/> when it was not accepted; the receiver's queue
/// decides whether to try again. Implemented in the silo (HTTP, MailKit).
/// </summary>
public interface INotificationSender
{
    Task Send(NotificationMessage message, CancellationToken cancellationToken);
}
