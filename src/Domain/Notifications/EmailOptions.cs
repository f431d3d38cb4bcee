namespace PrintFarm.Notifications;

/// <summary>Bound from <c>Notifications:Email</c>: who gets which email, and how it leaves.</summary>
public sealed class EmailOptions
{
    /// <summary>The shop's own address: it hears of new orders, reviews and every later status. Null: the shop gets none.</summary>
    public string? Shop { get; set; }

    /// <summary>The sender of every email.</summary>
    public string From { get; set; } = "PrintFarm <orders@printfarm.local>";

    /// <summary>The event types the customer hears of by email (DigiFabster's table); null (the default) for all of them.</summary>
    /// <remarks>Null rather than a filled list: configuration adds to a list it binds, it does not replace it.</remarks>
    public List<string>? CustomerEvents { get; set; }

    /// <summary>The event types the shop hears of by email; null (the default) for all of them.</summary>
    public List<string>? ShopEvents { get; set; }

    /// <summary>Folder of the operator's own templates (<c>{type}.txt.liquid</c>, <c>{type}.html.liquid</c>, per language in a sub-folder); the built-in ones fill the gaps.</summary>
    public string? TemplatesFolder { get; set; }

    /// <summary>The time zone for dates in emails when the customer's is not known (an IANA name).</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The language of emails when the customer's is not known.</summary>
    public string Language { get; set; } = "en";

    /// <summary>The SMTP server; without one, each email is written as an .eml file into <see cref="PickupFolder"/>.</summary>
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    /// <summary>None, StartTls (the default on 587), or SslOnConnect (465).</summary>
    public string SmtpSecurity { get; set; } = "StartTls";
    public string? SmtpUsername { get; set; }
    public string? SmtpPassword { get; set; }

    /// <summary>Where emails go as .eml files when there is no SMTP server (the demo's <c>.farm/mail/</c>).</summary>
    public string? PickupFolder { get; set; }
}
