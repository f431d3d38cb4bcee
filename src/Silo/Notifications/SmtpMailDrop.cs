using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using PrintFarm.Notifications;

namespace PrintFarm.Silo.Notifications;

/// <summary>Sends each email over SMTP with MailKit (Notifications:Email:Smtp*): one connection per email, since the queue sends one at a time.</summary>
public sealed class SmtpMailDrop(EmailOptions options) : IMailDrop
{
    public async Task Send(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = 30_000 };
        var security = Enum.TryParse<SecureSocketOptions>(options.SmtpSecurity, ignoreCase: true, out var s) ? s : SecureSocketOptions.StartTls;
        await client.ConnectAsync(options.SmtpHost!, options.SmtpPort, security, cancellationToken);
        if (!string.IsNullOrEmpty(options.SmtpUsername))
            await client.AuthenticateAsync(options.SmtpUsername, options.SmtpPassword ?? "", cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
