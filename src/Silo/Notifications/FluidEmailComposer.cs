using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using Fluid;
using Microsoft.Extensions.Options;
using PrintFarm.Notifications;
using PrintFarm.Orders;

namespace PrintFarm.Silo.Notifications;

/// <summary>
/// Renders emails from Liquid templates with Fluid: <c>{event type}.txt.liquid</c> and
/// <c>.html.liquid</c> (falling back to <c>default.*</c>), the text's first line "Subject: …".
/// An operator's folder (Notifications:Email:TemplatesFolder) wins over the built-in templates,
/// and a language's sub-folder ("fr/") over both; dates are written in the customer's language and
/// time zone when the order has them, the shop's otherwise. Templates are read once and kept.
/// </summary>
public sealed class FluidEmailComposer : IEmailComposer
{
    private static readonly FluidParser Parser = new();
    private readonly EmailOptions _options;
    private readonly string[] _folders;
    private readonly ConcurrentDictionary<string, IFluidTemplate?> _templates = new();

    public FluidEmailComposer(IOptions<NotificationOptions> options)
    {
        _options = options.Value.Email;
        var builtIn = Path.Combine(AppContext.BaseDirectory, "Notifications", "Templates");
        _folders = _options.TemplatesFolder is { Length: > 0 } own ? [own, builtIn] : [builtIn];
        // A template that does not parse stops the silo at start, naming the file, not at the first email.
        foreach (var folder in _folders.Where(Directory.Exists))
            foreach (var file in Directory.EnumerateFiles(folder, "*.liquid", SearchOption.AllDirectories))
                Load(file);
    }

    public ComposedEmail Compose(OrderEvent e, OrderView order, CustomerContact contact, EmailAudience audience, string trackingUrl)
    {
        var language = audience == EmailAudience.Customer ? contact.Language ?? _options.Language : _options.Language;
        var culture = Culture(language);
        var zone = Zone(audience == EmailAudience.Customer ? contact.TimeZone : null);
        string Date(DateTimeOffset? at) => at is { } t ? TimeZoneInfo.ConvertTime(t, zone).ToString("D", culture) : "";
        var model = new Dictionary<string, object?>
        {
            ["audience"] = audience == EmailAudience.Customer ? "customer" : "shop",
            ["tracking_url"] = trackingUrl,
            // The customer's link to write back from the tracking page; the shop answers with POST /api/orders/{reference}/messages.
            ["reply_url"] = audience == EmailAudience.Customer && contact.ReplyKey is { } key ? $"{trackingUrl}?reply={Uri.EscapeDataString(key)}#messages" : "",
            ["customer_name"] = contact.Name ?? "",
            ["event"] = new Dictionary<string, object?>
            {
                ["id"] = e.Id, ["type"] = e.Type, ["status"] = Words(e.Status), ["from"] = e.From is { } from ? Words(from) : "",
                ["detail"] = e.Detail ?? "", ["item"] = e.Item, ["date_moved"] = e.DateMoved,
                ["author"] = e.Author is { } author ? author.ToString().ToLowerInvariant() : "", ["message"] = e.Message,
                ["time"] = TimeZoneInfo.ConvertTime(e.Time, zone).ToString("f", culture),
            },
            ["order"] = new Dictionary<string, object?>
            {
                ["reference"] = order.Reference, ["status"] = Words(order.Status), ["test"] = order.Test,
                ["ship_by"] = Date(order.Estimate?.ShipBy), ["deliver_by"] = Date(order.Estimate?.DeliverBy),
                ["promised"] = Date(order.PromisedDeliverBy), ["late"] = order.Late is not null,
                ["carrier"] = order.Shipment?.Carrier ?? "", ["tracking_number"] = order.Shipment?.TrackingNumber ?? "",
                ["carrier_tracking_url"] = order.Shipment?.TrackingUrl ?? "", ["message"] = order.CustomerMessage ?? "",
                ["items"] = order.Items.Select(i => new Dictionary<string, object?>
                {
                    ["number"] = i.Index + 1, ["design"] = i.Design, ["material"] = i.Material, ["quantity"] = i.Quantity,
                    ["status"] = i.Status.ToString(), ["problem"] = i.Problem ?? "",
                }).ToList(),
            },
        };
        var options = new TemplateOptionsBuilder().WithCultureInfo(culture).WithTimeZone(zone).Build();
        var text = Render(e.Type, "txt", language, model, options, NullEncoder.Default);
        var html = Render(e.Type, "html", language, model, options, HtmlEncoder.Default);
        var (subject, body) = SplitSubject(text, $"Order {order.Reference}");
        return new ComposedEmail(subject, body, html);
    }

    public ComposedEmail ComposeDigest(IReadOnlyList<LateOrder> late, DateOnly day, Func<string, string> trackingUrl)
    {
        var culture = Culture(_options.Language);
        var zone = Zone(null);
        string When(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone).ToString("g", culture);
        var model = new Dictionary<string, object?>
        {
            ["audience"] = "shop",
            ["day"] = day.ToString("D", culture),
            ["count"] = late.Count,
            ["orders"] = late.OrderByDescending(o => o.LateBy).Select(o => new Dictionary<string, object?>
            {
                ["reference"] = o.Reference, ["stage"] = Words(o.Stage), ["promised"] = When(o.Promised),
                ["estimate"] = o.CurrentEstimate is { } e ? When(e) : "", ["late_by"] = LateBy(o.LateBy),
                ["reason"] = o.Reason == LateReason.PromisePassed ? "promise passed" : "estimate past the promise",
                ["since"] = When(o.Since), ["tracking_url"] = trackingUrl(o.Reference),
            }).ToList(),
        };
        var options = new TemplateOptionsBuilder().WithCultureInfo(culture).WithTimeZone(zone).Build();
        var text = Render("digest.late_orders", "txt", _options.Language, model, options, NullEncoder.Default);
        var html = Render("digest.late_orders", "html", _options.Language, model, options, HtmlEncoder.Default);
        var (subject, body) = SplitSubject(text, $"Late orders, {day:yyyy-MM-dd}");
        return new ComposedEmail(subject, body, html);
    }

    /// <summary>The text template's first line is "Subject: …"; without one, <paramref name="fallback"/>.</summary>
    private static (string Subject, string Body) SplitSubject(string text, string fallback)
    {
        var newline = text.IndexOf('\n');
        var first = newline < 0 ? text : text[..newline];
        if (!first.StartsWith("Subject:", StringComparison.OrdinalIgnoreCase)) return (fallback, text);
        return (first["Subject:".Length..].Trim(), newline < 0 ? "" : text[(newline + 1)..].TrimStart('\r', '\n'));
    }

    private static string LateBy(TimeSpan late) => late.TotalDays >= 1 ? $"{late.TotalDays:0.#} days" : late.TotalHours >= 1 ? $"{late.TotalHours:0.#} hours" : $"{Math.Max(1, late.TotalMinutes):0} minutes";

    private string Render(string type, string kind, string language, Dictionary<string, object?> model, TemplateOptions options, TextEncoder encoder)
    {
        var template = Find($"{type}.{kind}.liquid", language) ?? Find($"default.{kind}.liquid", language)
            ?? throw new InvalidOperationException($"No email template default.{kind}.liquid in {string.Join(" or ", _folders)}.");
        var context = new TemplateContext(options);
        foreach (var (name, value) in model) context.SetValue(name, value ?? "");
        return template.Render(context, encoder);
    }

    /// <summary>The language's own template, then its base language's ("pt" for "pt-BR"), then the one for every language.</summary>
    private IFluidTemplate? Find(string name, string language)
    {
        var tried = new[] { language, language.Split('-')[0], "" }.Distinct();
        foreach (var lang in tried)
            foreach (var folder in _folders)
                if (Load(Path.Combine(folder, lang, name)) is { } found) return found;
        return null;
    }

    private IFluidTemplate? Load(string path) => _templates.GetOrAdd(Path.GetFullPath(path), full =>
    {
        if (!File.Exists(full)) return null;
        if (!Parser.TryParse(File.ReadAllText(full), out var template, out var error))
            throw new InvalidOperationException($"The email template {full} does not parse: {error}");
        return template;
    });

    private static string Words(OrderStatus status) => status switch
    {
        OrderStatus.InReview => "in review",
        OrderStatus.PostProcessing => "post-processing",
        OrderStatus.QualityCheck => "quality check",
        OrderStatus.ReadyToShip => "ready to ship",
        OrderStatus.ReadyForPickup => "ready for pickup",
        OrderStatus.OnHold => "on hold",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static CultureInfo Culture(string language)
    {
        try { return CultureInfo.GetCultureInfo(language); }
        catch (CultureNotFoundException) { return CultureInfo.InvariantCulture; }
    }

    private TimeZoneInfo Zone(string? customer)
    {
        foreach (var id in new[] { customer, _options.TimeZone })
            if (id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)) return zone;
        return TimeZoneInfo.Utc;
    }
}
