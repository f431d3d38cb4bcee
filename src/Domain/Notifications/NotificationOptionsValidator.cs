using Microsoft.Extensions.Options;

namespace PrintFarm.Notifications;

/// <summary>What data annotations cannot say about <see cref="NotificationOptions"/>: known event types, a time zone that exists, an SMTP port.</summary>
public sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        var errors = new List<string>();
        var email = options.Email;
        foreach (var (setting, events) in new[] { ("CustomerEvents", email.CustomerEvents), ("ShopEvents", email.ShopEvents) })
            foreach (var unknown in (events ?? []).Where(e => !OrderEventTypes.All.Contains(e)))
                errors.Add($"Notifications:Email:{setting} names '{unknown}', which is not an event type ({string.Join(", ", OrderEventTypes.All)}).");
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(email.TimeZone, out _))
            errors.Add($"Notifications:Email:TimeZone '{email.TimeZone}' is not a time zone this machine knows (an IANA name, such as Europe/Paris).");
        if (email.SmtpPort is < 1 or > 65535) errors.Add("Notifications:Email:SmtpPort must be between 1 and 65535.");
        if (email.SmtpSecurity is not ("None" or "StartTls" or "SslOnConnect" or "Auto"))
            errors.Add("Notifications:Email:SmtpSecurity must be None, StartTls, SslOnConnect or Auto.");
        if (options.FirstRetry > options.MaxRetryDelay) errors.Add("Notifications:FirstRetry must not be longer than Notifications:MaxRetryDelay.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
