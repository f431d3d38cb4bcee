using PrintFarm.Accounts;
using PrintFarm.Gateway.Api.Sculpteo;
using PrintFarm.Orders;

namespace PrintFarm.Tests.Sculpteo;

/// <summary>The Sculpteo order API's form fields, as its seed (shared/seeds/002) and its PHP sample send them.</summary>
[Trait("Category", "Unit")]
public sealed class SculpteoOrderFormTests
{
    private static readonly Guid Design = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    private static readonly AccountView Account = new()
    {
        Login = "shop@example.com", Role = AccountRole.Customer, Name = "Ana's shop", CreatedAt = DateTimeOffset.UnixEpoch, HasPassword = true,
        Email = "shop@example.com",
        Address = new ShippingAddress { Name = "Ana's shop", Street1 = "1 Main St", City = "Lyon", PostalCode = "69001", Country = "FR" },
    };

    private static Dictionary<string, string[]> Form(params (string Key, string Value)[] fields) =>
        fields.GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Select(f => f.Value).ToArray());

    [Fact]
    public void The_PHP_samples_fields_make_a_test_order_shipped_to_the_accounts_own_address()
    {
        var (order, problem) = SculpteoOrderForm.Read(Form(("login", "shop@example.com"), ("password", "x"), ("item[0]", $"{Design}:3"), ("fake", "1")), Account);
        Assert.Null(problem);
        Assert.True(order!.Test);
        var item = Assert.Single(order.Items!);
        Assert.Equal((Design, 3, (string?)null), (item.DesignId!.Value, item.Quantity!.Value, item.Material));
        Assert.Equal(("standard", Account.Address), (order.Shipping!.Method, order.Shipping.Address));
        Assert.Equal(("Ana's shop", "shop@example.com"), (order.Customer!.Name, order.Customer.Email));
        Assert.Empty(OrderRequestValidator.Validate(order));
    }

    [Fact]
    public void Shipping_fields_methods_comments_theme_and_the_notification_url_are_taken()
    {
        var (order, _) = SculpteoOrderForm.Read(Form(
            ("item[0]", $"{Design}:1:1:mm:petg"), ("item[1]", $"{Design}:2"),
            ("ship_addressee", "Bo Chen"), ("ship_street1", "5 Harbour Rd"), ("ship_street2", "Unit 4"), ("ship_city", "Leeds"),
            ("ship_state", "West Yorkshire"), ("ship_postal_code", "LS1 4AP"), ("ship_country", "gb"), ("ship_method", "express"),
            ("comment", "PO-1"), ("comment", "gift"), ("theme", "acme"), ("notification_url", "https://shop.example.com/hook")), Account);
        Assert.Equal(["PETG" is var m ? "petg" : m, null], order!.Items!.Select(i => i.Material));
        Assert.Equal(new ShippingAddress { Name = "Bo Chen", Street1 = "5 Harbour Rd", Street2 = "Unit 4", City = "Leeds", Region = "West Yorkshire", PostalCode = "LS1 4AP", Country = "GB" }, order.Shipping!.Address);
        Assert.Equal("express", order.Shipping.Method);
        Assert.Equal(["PO-1", "gift"], order.Comments!);
        Assert.Equal(("acme", "https://shop.example.com/hook"), (order.Theme, order.NotificationUrl));
        Assert.False(order.Test);
    }

    [Theory]
    [InlineData("item[0]", "not-a-uuid:1", "item[0] does not start with a design UUID")]
    [InlineData("item[0]", "0f8fad5b-d9cb-469f-a165-70867728950e", "item[0] is uuid:qty[:scale:unit:material]")]
    [InlineData("item[0]", "0f8fad5b-d9cb-469f-a165-70867728950e:0", "item[0] has no quantity of 1 or more")]
    [InlineData("item[0]", "0f8fad5b-d9cb-469f-a165-70867728950e:1:2", "item[0] asks for a scale other than 1: the farm prints the sliced file as it is")]
    [InlineData("item[0]", "0f8fad5b-d9cb-469f-a165-70867728950e:1:1:furlong", "item[0] has an unknown unit (use mm, cm, m, in, ft)")]
    [InlineData("item[1]", "0f8fad5b-d9cb-469f-a165-70867728950e:1", "item[0] is required")]
    [InlineData("ship_method", "teleport", "item[0] is required")]
    public void A_bad_field_is_named(string key, string value, string expected)
    {
        var (order, problem) = SculpteoOrderForm.Read(Form((key, value)), Account);
        Assert.Null(order);
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void Items_must_be_numbered_without_gaps_and_street1_holds_80_characters()
    {
        Assert.Equal("items are numbered item[0], item[1], … without gaps",
            SculpteoOrderForm.Read(Form(("item[0]", $"{Design}:1"), ("item[2]", $"{Design}:1")), Account).Problem);
        Assert.StartsWith("ship_street1 is at most 80",
            SculpteoOrderForm.Read(Form(("item[0]", $"{Design}:1"), ("ship_street1", new string('x', 81))), Account).Problem);
        Assert.Equal("ship_method is express, quick, or absent for the cheapest",
            SculpteoOrderForm.Read(Form(("item[0]", $"{Design}:1"), ("ship_method", "teleport")), Account).Problem);
    }

    [Fact]
    public void Without_shipping_fields_an_account_without_an_address_cannot_order()
    {
        var (order, problem) = SculpteoOrderForm.Read(Form(("item[0]", $"{Design}:1")), Account with { Address = null });
        Assert.Null(order);
        Assert.Equal("no ship_* fields and no address on the account", problem);
    }
}
