using MimeKit;

namespace PrintFarm.Silo.Notifications;

/// <summary>Where emails leave the farm: an SMTP server (MailKit), or a folder of .eml files.</summary>
public interface IMailDrop
{
    Task Send(MimeMessage message, CancellationToken cancellationToken);
}
