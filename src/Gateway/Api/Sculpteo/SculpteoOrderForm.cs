using PrintFarm.Accounts;
using PrintFarm.Orders;

namespace PrintFarm.Gateway.Api.Sculpteo;

/// <summary>
/// The fields of a Sculpteo order-API form turned into the farm's order request: the shipping
/// fields (or the account's own address when none is sent), the ship method, the items, the
/// test flag, comments, theme and notification URL. Pure: the endpoint reads the form and the
/// account, this decides. A problem names the field; the endpoint answers it with a bare 400.
/// </summary>
public static class SculpteoOrderForm
{
    public const int MaxStreet1 = 80;

    public static (PlaceOrderRequest? Order, string? Problem) Read(IReadOnlyDictionary<string, string[]> form, AccountView account)
    {
        string? One(string key) => form.TryGetValue(key, out var values) && values.Length > 0 && !string.IsNullOrWhiteSpace(values[0]) ? values[0].Trim() : null;

        var items = new List<OrderItemRequest>();
        for (var i = 0; form.ContainsKey($"item[{i}]"); i++)
        {
            if (SculpteoItem.Parse(One($"item[{i}]") ?? "", out var problem) is not { } item) return (null, $"item[{i}] {problem}");
            items.Add(new OrderItemRequest { DesignId = item.Design, Quantity = item.Quantity, Material = item.Material });
        }
        if (items.Count == 0) return (null, "item[0] is required");
        var numbered = form.Keys.Count(k => k.StartsWith("item[", StringComparison.Ordinal));
        if (numbered != items.Count) return (null, "items are numbered item[0], item[1], … without gaps");

        var method = One("ship_method")?.ToLowerInvariant() switch
        {
            null => "standard",          // the cheapest
            "express" or "quick" => "express", // the farm has one faster way; Sculpteo's two name carriers
            _ => null,
        };
        if (method is null) return (null, "ship_method is express, quick, or absent for the cheapest");

        string[] shipFields = ["ship_addressee", "ship_street1", "ship_street2", "ship_city", "ship_state", "ship_postal_code", "ship_country"];
        ShippingAddress? address;
        if (shipFields.Any(f => One(f) is not null))
        {
            if (One("ship_street1") is { Length: > MaxStreet1 }) return (null, $"ship_street1 is at most {MaxStreet1} characters; continue on ship_street2");
            address = new ShippingAddress
            {
                Name = One("ship_addressee") ?? account.Name ?? account.Login,
                Street1 = One("ship_street1"),
                Street2 = One("ship_street2"),
                City = One("ship_city"),
                Region = One("ship_state"),
                PostalCode = One("ship_postal_code"),
                Country = One("ship_country")?.ToUpperInvariant(),
            };
        }
        else if (account.Address is { } own) address = own;
        else return (null, "no ship_* fields and no address on the account");

        var email = account.Email ?? (OrderRequestValidator.IsEmailAddress(account.Login) ? account.Login : null);
        if (email is null) return (null, "the account has no email address to write to");
        var fake = One("fake");
        var comments = form.Where(f => f.Key == "comment" || f.Key.StartsWith("comment[", StringComparison.Ordinal))
            .SelectMany(f => f.Value).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).ToList();
        return (new PlaceOrderRequest
        {
            Customer = new CustomerInfo { Name = account.Name ?? address.Name, Email = email },
            Items = items,
            Shipping = new ShippingInfo { Method = method, Address = address },
            Test = fake is "1" or "true",
            NotificationUrl = One("notification_url"),
            Comments = comments.Count == 0 ? null : comments,
            Theme = One("theme"),
        }, null);
    }
}
