using PrintFarm.Orders;

namespace PrintFarm.Tests.Orders;

[Trait("Category", "Unit")]
public sealed class OrderRequestValidatorTests
{
    [Fact]
    public void A_complete_order_is_valid() =>
        Assert.Empty(OrderRequestValidator.Validate(OrderSamples.Valid()));

    [Fact]
    public void An_order_without_items_names_the_items_field()
    {
        var errors = OrderRequestValidator.Validate(OrderSamples.Valid() with { Items = [] });
        Assert.Equal(["items"], errors.Keys);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1001)]
    public void A_quantity_out_of_range_names_the_item(int quantity)
    {
        var errors = OrderRequestValidator.Validate(OrderSamples.Valid(quantity: quantity));
        Assert.Contains("items[0].quantity", errors.Keys);
    }

    [Theory]
    [InlineData("France")]
    [InlineData("F")]
    [InlineData("1X")]
    public void A_country_that_is_not_a_two_letter_code_is_refused(string country)
    {
        var request = OrderSamples.Valid();
        request = request with { Shipping = request.Shipping! with { Address = request.Shipping.Address! with { Country = country } } };
        var errors = OrderRequestValidator.Validate(request);
        Assert.Equal(["shipping.address.country"], errors.Keys);
        Assert.Contains(country, errors["shipping.address.country"][0]);
    }

    [Fact]
    public void Missing_address_fields_are_each_named()
    {
        var request = OrderSamples.Valid();
        request = request with { Shipping = request.Shipping! with { Address = new ShippingAddress { Country = "FR" } } };
        var errors = OrderRequestValidator.Validate(request);
        Assert.Equal(
            new[] { "shipping.address.city", "shipping.address.name", "shipping.address.postalCode", "shipping.address.street1" },
            errors.Keys.Order().ToArray());
    }

    [Fact]
    public void Pickup_needs_no_address()
    {
        var request = OrderSamples.Valid(method: "pickup");
        request = request with { Shipping = request.Shipping! with { Address = null } };
        Assert.Empty(OrderRequestValidator.Validate(request));
    }

    [Fact]
    public void Unknown_shipping_method_and_bad_email_are_refused()
    {
        var request = OrderSamples.Valid(method: "teleport") with { Customer = new CustomerInfo { Name = "Ada", Email = "not-an-email" } };
        var errors = OrderRequestValidator.Validate(request);
        Assert.Contains("shipping.method", errors.Keys);
        Assert.Contains("customer.email", errors.Keys);
    }

    [Fact]
    public void A_null_order_is_refused() =>
        Assert.Equal(["$"], OrderRequestValidator.Validate(null).Keys);

    [Fact]
    public void References_are_well_formed_and_do_not_repeat()
    {
        var references = Enumerable.Range(0, 1000).Select(_ => OrderReference.New()).ToList();
        Assert.All(references, r => Assert.True(OrderReference.IsWellFormed(r), r));
        Assert.Equal(references.Count, references.Distinct().Count());
        Assert.False(OrderReference.IsWellFormed("PF-0000000000")); // 0 is not in the alphabet
        Assert.False(OrderReference.IsWellFormed("../etc/passwd"));
    }
}
