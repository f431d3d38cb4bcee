using System.Net.Mail;

namespace PrintFarm.Orders;

/// <summary>
/// Checks an order before anything is created. Each problem names the field as a JSON path
/// (items[0].quantity) so an API client can point at it.
/// </summary>
public static class OrderRequestValidator
{
    public const int MaxItems = 100;
    public const int MaxQuantity = 1000;
    public const int MaxPrintSeconds = 14 * 24 * 3600;
    public const int MaxComments = 20;
    public static readonly string[] ShippingMethods = ["standard", "express", "pickup"];
    public static readonly string[] Technologies = ["FDM", "SLA", "SLS", "MJF"];

    public static IReadOnlyDictionary<string, string[]> Validate(PlaceOrderRequest? request, OrderLimits? limits = null)
    {
        limits ??= new OrderLimits();
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(message);
        }

        if (request is null)
        {
            Add("$", "The order is empty.");
            return Freeze(errors);
        }
        void Length(string field, string? value, int max, string what)
        {
            if (TextLimits.TooLong(value, max, what) is { } problem) Add(field, problem);
        }

        if (request.Customer is null) Add("customer", "The customer is required.");
        else
        {
            if (string.IsNullOrWhiteSpace(request.Customer.Name)) Add("customer.name", "The customer's name is required.");
            if (string.IsNullOrWhiteSpace(request.Customer.Email)) Add("customer.email", "The customer's email is required.");
            else if (request.Customer.Email.Length > TextLimits.Email) Length("customer.email", request.Customer.Email, TextLimits.Email, "The email");
            else if (!IsEmail(request.Customer.Email)) Add("customer.email", $"'{Shown(request.Customer.Email)}' is not an email address.");
            Length("customer.name", request.Customer.Name, TextLimits.Name, "The customer's name");
            if (request.Customer.Language is { } language && !IsLanguage(language))
                Add("customer.language", $"'{Shown(language)}' is not a language tag (\"en\", \"fr\", \"pt-BR\").");
            if (request.Customer.TimeZone is { } zone && (zone.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)))
                Add("customer.timeZone", $"'{Shown(zone)}' is not a time zone this farm knows (an IANA name, \"Europe/Paris\").");
        }

        if (request.Items is null || request.Items.Count == 0) Add("items", "An order needs at least one item.");
        else if (request.Items.Count > limits.MaxItems) Add("items", $"An order holds at most {limits.MaxItems} items (Orders:Limits:MaxItems).");
        else
        {
            var copies = request.Items.Sum(i => (long)Math.Max(0, i?.Quantity ?? 0));
            if (copies > limits.MaxJobsPerOrder)
                Add("items", $"An order makes at most {limits.MaxJobsPerOrder} copies in all, one print job each (Orders:Limits:MaxJobsPerOrder); this one asks for {copies}.");
            for (var i = 0; i < request.Items.Count; i++)
            {
                var item = request.Items[i];
                var at = $"items[{i}]";
                if (item is null) { Add(at, "The item is empty."); continue; }
                // With a catalog design its file says what the hand-written fields would: they become optional.
                var designed = item.DesignId is not null;
                if (item.DesignId == Guid.Empty) Add($"{at}.designId", "The design id is a UUID from POST /api/designs.");
                if (!designed && string.IsNullOrWhiteSpace(item.Design)) Add($"{at}.design", "The design to print is required (a name, or designId from POST /api/designs).");
                Length($"{at}.design", item.Design, TextLimits.Design, "The design");
                if (!designed && string.IsNullOrWhiteSpace(item.Material)) Add($"{at}.material", "The material is required.");
                Length($"{at}.material", item.Material, TextLimits.Material, "The material");
                if (item.Plate is not null && !designed) Add($"{at}.plate", "A plate is chosen only for a catalog design (designId).");
                else if (item.Plate is < 1 or > 1000) Add($"{at}.plate", "The plate is numbered from 1, as the slicer numbers it.");
                if (item.Quantity is null) Add($"{at}.quantity", "The quantity is required.");
                else if (item.Quantity < 1 || item.Quantity > limits.MaxCopiesPerItem) Add($"{at}.quantity", $"The quantity must be between 1 and {limits.MaxCopiesPerItem} (Orders:Limits:MaxCopiesPerItem).");
                if (item.EstimatedPrintSeconds is null) { if (!designed) Add($"{at}.estimatedPrintSeconds", "The slicer's print-time estimate (seconds) is required."); }
                else if (item.EstimatedPrintSeconds < 1 || item.EstimatedPrintSeconds > MaxPrintSeconds) Add($"{at}.estimatedPrintSeconds", $"The print-time estimate must be between 1 and {MaxPrintSeconds} seconds.");
                if (item.Technology is not null && !Technologies.Contains(item.Technology.ToUpperInvariant()))
                    Add($"{at}.technology", $"Unknown technology '{Shown(item.Technology)}'; use one of {string.Join(", ", Technologies)}.");
            }
        }

        if (request.NotificationUrl is { } notify)
        {
            if (notify.Length > TextLimits.Url) Length("notificationUrl", notify, TextLimits.Url, "The notification URL");
            else if (!Uri.TryCreate(notify, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.UserInfo.Length > 0)
                Add("notificationUrl", "The notification URL is an http(s) address without a user or password.");
        }
        if (request.Comments is { } comments)
        {
            if (comments.Count > MaxComments) Add("comments", $"At most {MaxComments} comments.");
            for (var c = 0; c < comments.Count && c < MaxComments; c++) Length($"comments[{c}]", comments[c], TextLimits.Message, "A comment");
        }
        Length("theme", request.Theme, TextLimits.Carrier, "The theme");

        if (request.Shipping is null) Add("shipping", "Shipping is required.");
        else
        {
            var method = request.Shipping.Method?.ToLowerInvariant();
            if (method is null) Add("shipping.method", "The shipping method is required.");
            else if (method.Length > TextLimits.ShippingMethod) Length("shipping.method", method, TextLimits.ShippingMethod, "The shipping method");
            else if (!ShippingMethods.Contains(method)) Add("shipping.method", $"Unknown shipping method '{Shown(request.Shipping.Method)}'; use one of {string.Join(", ", ShippingMethods)}.");
            if (method != "pickup") ValidateAddress(request.Shipping.Address, Add);
            else if (request.Shipping.Address is { } pickupAddress) ValidateLengths(pickupAddress, Add);
        }

        return Freeze(errors);
    }

    /// <summary>An address's problems by field, under <paramref name="at"/> (an account's own address).</summary>
    public static IReadOnlyDictionary<string, string[]> ValidateAddress(ShippingAddress address, string at)
    {
        var errors = new Dictionary<string, List<string>>();
        ValidateAddress(address, (field, message) =>
        {
            field = at + field["shipping.address".Length..];
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(message);
        });
        return Freeze(errors);
    }

    public static bool IsEmailAddress(string value) => value.Length <= TextLimits.Email && IsEmail(value);

    private static void ValidateAddress(ShippingAddress? address, Action<string, string> add)
    {
        const string at = "shipping.address";
        if (address is null) { add(at, "The shipping address is required."); return; }
        if (string.IsNullOrWhiteSpace(address.Name)) add($"{at}.name", "The recipient's name is required.");
        if (string.IsNullOrWhiteSpace(address.Street1)) add($"{at}.street1", "The street is required.");
        if (string.IsNullOrWhiteSpace(address.City)) add($"{at}.city", "The city is required.");
        if (string.IsNullOrWhiteSpace(address.PostalCode)) add($"{at}.postalCode", "The postal code is required.");
        ValidateLengths(address, add);
        if (string.IsNullOrWhiteSpace(address.Country)) add($"{at}.country", "The country is required.");
        else if (address.Country.Length != 2 || !address.Country.All(char.IsAsciiLetter))
            add($"{at}.country", $"'{Shown(address.Country)}' is not a two-letter ISO 3166 country code (e.g. FR, US).");
    }

    /// <summary>Every line of the address is stored and may be printed on a label: none grows without bound.</summary>
    private static void ValidateLengths(ShippingAddress address, Action<string, string> add)
    {
        const string at = "shipping.address";
        foreach (var (field, value, max) in new[]
        {
            ("name", address.Name, TextLimits.Name), ("street1", address.Street1, TextLimits.AddressLine),
            ("street2", address.Street2, TextLimits.AddressLine), ("city", address.City, TextLimits.AddressLine),
            ("region", address.Region, TextLimits.AddressLine), ("postalCode", address.PostalCode, TextLimits.PostalCode),
        })
        {
            if (TextLimits.TooLong(value, max, $"The {field}") is { } problem) add($"{at}.{field}", problem);
        }
    }

    /// <summary>A refused value is echoed back so the sender sees it, but never more than a glance of it.</summary>
    private static string Shown(string? value) => value is null || value.Length <= 40 ? value ?? "" : value[..40] + "…";

    private static bool IsLanguage(string value) =>
        value.Length is >= 2 and <= 16 && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && char.IsAsciiLetter(value[0]);

    private static bool IsEmail(string value) =>
        MailAddress.TryCreate(value, out var parsed) && parsed.Address == value.Trim() && value.Contains('.', StringComparison.Ordinal);

    private static IReadOnlyDictionary<string, string[]> Freeze(Dictionary<string, List<string>> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
