using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using MimeKit;
using PrintFarm.Notifications;
using StandardWebhooks;

namespace PrintFarm.Silo.Notifications;

/// <summary>
/// Sends one message once (the receiver's queue retries): a webhook signed the Standard Webhooks
/// way (<c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature</c>), the Sculpteo form
/// post of <c>reference</c> to a notification URL, or an email. Redirects are not followed (a
/// receiver that moved says so with a new subscription); addresses the farm does not call are
/// refused at connection. Errors name the receiver's answer, never the secret.
/// </summary>
public sealed class NotificationSender : INotificationSender, IDisposable
{
    private readonly NotificationOptions _options;
    private readonly INotificationSecrets _secrets;
    private readonly IMailDrop? _mail;
    private readonly TimeProvider _clock;
    private readonly HttpClient _http;

    public NotificationSender(IOptions<NotificationOptions> options, INotificationSecrets secrets, TimeProvider clock)
    {
        _options = options.Value;
        _secrets = secrets;
        _clock = clock;
        var email = _options.Email;
        _mail = !string.IsNullOrWhiteSpace(email.SmtpHost) ? new SmtpMailDrop(email)
            : !string.IsNullOrWhiteSpace(email.PickupFolder) ? new PickupFolderMailDrop(email.PickupFolder)
            : null;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectCallback = GuardedConnection.Callback(_options),
            ConnectTimeout = _options.AttemptTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            UseCookies = false,
        })
        { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("PrintFarm-Notifications/1.0");
    }

    public Task Send(NotificationMessage message, CancellationToken cancellationToken) => message.Channel switch
    {
        Channel.Email => SendEmail(message, cancellationToken),
        Channel.Webhook => Post(message, Signed(message), cancellationToken),
        _ => Post(message, new FormUrlEncodedContent([new("reference", message.Body)]), cancellationToken),
    };

    private HttpContent Signed(NotificationMessage message)
    {
        var secret = _secrets.Unprotect(message.ProtectedSecret ?? throw new NotificationRefusedException("The webhook has no signing secret.", permanent: true));
        var timestamp = _clock.GetUtcNow();
        var content = new StringContent(message.Body, Encoding.UTF8, "application/json");
        content.Headers.Add("webhook-id", message.EventId);
        content.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        content.Headers.Add("webhook-signature", new StandardWebhook(secret).Sign(message.EventId, timestamp, message.Body));
        return content;
    }

    private async Task Post(NotificationMessage message, HttpContent content, CancellationToken cancellationToken)
    {
        using var _ = content;
        if (ReceiverAddress.CheckUrl(message.Target, _options.AllowLoopback, _options.AllowPrivate) is { } refused)
            throw new NotificationRefusedException(refused, permanent: true);
        using var request = new HttpRequestMessage(HttpMethod.Post, message.Target) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e) when (e.InnerException is NotificationRefusedException refusal)
        {
            throw refusal;
        }
        catch (HttpRequestException e)
        {
            throw new NotificationRefusedException($"The receiver could not be reached ({e.HttpRequestError}).", inner: e);
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300) return;
            if (status is >= 300 and < 400)
                throw new NotificationRefusedException($"The receiver answered {status} {response.StatusCode}: redirects are not followed; subscribe its new address instead.", permanent: true);
            throw new NotificationRefusedException($"The receiver answered {status} {response.StatusCode}.");
        }
    }

    private async Task SendEmail(NotificationMessage message, CancellationToken cancellationToken)
    {
        if (_mail is null)
            throw new NotificationRefusedException("No SMTP server is configured (Notifications:Email:SmtpHost), nor a pickup folder (Notifications:Email:PickupFolder).", permanent: true);
        var mail = new MimeMessage
        {
            Subject = message.Subject ?? message.Type,
            Date = message.CreatedAt,
            // The same for every attempt: a mail system that got it once can drop the repeat.
            MessageId = $"{message.DeliveryId.Replace('~', '.')}@printfarm",
        };
        mail.From.Add(MailboxAddress.Parse(_options.Email.From));
        mail.To.Add(MailboxAddress.Parse(message.Target));
        mail.Headers.Add("X-PrintFarm-Event", message.EventId);
        mail.Body = new BodyBuilder { TextBody = message.Body, HtmlBody = message.Html }.ToMessageBody();
        try
        {
            await _mail.Send(mail, cancellationToken);
        }
        catch (MailKit.Net.Smtp.SmtpCommandException e) when ((int)e.StatusCode >= 500 && e.ErrorCode == MailKit.Net.Smtp.SmtpErrorCode.RecipientNotAccepted)
        {
            throw new NotificationRefusedException($"The mail server refused the recipient ({(int)e.StatusCode}).", permanent: true, e);
        }
        catch (Exception e) when (e is MailKit.ProtocolException or MailKit.Net.Smtp.SmtpCommandException or IOException or System.Net.Sockets.SocketException or MailKit.Security.AuthenticationException)
        {
            throw new NotificationRefusedException($"The mail server did not take the email ({e.GetType().Name}).", inner: e);
        }
    }

    public void Dispose() => _http.Dispose();
}
