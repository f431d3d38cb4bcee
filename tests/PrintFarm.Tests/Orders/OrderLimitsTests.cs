using System.ComponentModel.DataAnnotations;
using PrintFarm.Jobs;
using PrintFarm.Orders;

namespace PrintFarm.Tests.Orders;

[Trait("Category", "Unit")]
public sealed class OrderLimitsTests
{
    private static PlaceOrderRequest WithItems(int items, int copies) => OrderSamples.Valid() with
    {
        Items = Enumerable.Range(0, items).Select(i => new OrderItemRequest { Design = $"part-{i}", Material = "PLA", Quantity = copies, EstimatedPrintSeconds = 60 }).ToList(),
    };

    [Fact]
    public void The_hundred_thousand_job_order_is_refused_by_default_naming_the_items()
    {
        var errors = OrderRequestValidator.Validate(WithItems(100, 1000));
        Assert.Equal(["items"], errors.Keys);
        Assert.Contains("100000", errors["items"][0]);
    }

    [Fact]
    public void The_default_allows_a_thousand_jobs_in_all()
    {
        Assert.Empty(OrderRequestValidator.Validate(WithItems(10, 100)));
        Assert.NotEmpty(OrderRequestValidator.Validate(WithItems(11, 100)));
    }

    [Fact]
    public void Configured_limits_are_the_ones_applied()
    {
        var limits = new OrderLimits { MaxItems = 3, MaxCopiesPerItem = 5, MaxJobsPerOrder = 12 };
        Assert.Empty(OrderRequestValidator.Validate(WithItems(3, 4), limits));
        Assert.Contains("Orders:Limits:MaxItems", OrderRequestValidator.Validate(WithItems(4, 1), limits)["items"][0]);
        Assert.Contains("Orders:Limits:MaxCopiesPerItem", OrderRequestValidator.Validate(WithItems(1, 6), limits)["items[0].quantity"][0]);
        Assert.Contains("Orders:Limits:MaxJobsPerOrder", OrderRequestValidator.Validate(WithItems(3, 5), limits)["items"][0]);
    }

    [Theory]
    [InlineData(0, 1000, 1000)]
    [InlineData(100, 0, 1000)]
    [InlineData(100, 1000, 0)]
    [InlineData(100, 1000, 100_001)]
    public void Limits_out_of_range_name_the_setting(int items, int copies, int jobs)
    {
        var limits = new OrderLimits { MaxItems = items, MaxCopiesPerItem = copies, MaxJobsPerOrder = jobs };
        var results = new List<ValidationResult>();
        Assert.False(Validator.TryValidateObject(limits, new ValidationContext(limits), results, validateAllProperties: true));
        Assert.StartsWith("Orders:Limits:", Assert.Single(results).ErrorMessage);
    }

    [Fact]
    public void Every_text_of_an_order_has_a_limit_and_a_refused_value_is_echoed_only_in_part()
    {
        var longText = new string('x', 5000);
        var request = OrderSamples.Valid() with
        {
            Customer = new CustomerInfo { Name = longText, Email = longText + "@example.com" },
            Items = [new OrderItemRequest { Design = longText, Material = longText, Quantity = 1, EstimatedPrintSeconds = 60, Technology = longText }],
            Shipping = new ShippingInfo
            {
                Method = longText,
                Address = new ShippingAddress { Name = longText, Street1 = longText, Street2 = longText, City = longText, Region = longText, PostalCode = longText, Country = longText },
            },
        };
        var errors = OrderRequestValidator.Validate(request);
        foreach (var field in new[]
        {
            "customer.name", "customer.email", "items[0].design", "items[0].material", "items[0].technology", "shipping.method",
            "shipping.address.name", "shipping.address.street1", "shipping.address.street2", "shipping.address.city",
            "shipping.address.region", "shipping.address.postalCode", "shipping.address.country",
        })
        {
            Assert.True(errors.ContainsKey(field), $"{field} is not limited");
        }
        Assert.All(errors.Values.SelectMany(m => m), message => Assert.True(message.Length < 300, message));
    }

    [Theory]
    [InlineData("PF-ABCDEFGHJK-1-1", true)]
    [InlineData("PF-ABCDEFGHJK-100-1000", true)]
    [InlineData("PF-ABCDEFGHJK-0-1", false)]
    [InlineData("PF-ABCDEFGHJK-1-01", false)]
    [InlineData("PF-ABCDEFGHJK-1", false)]
    [InlineData("PF-ABCDEFGHJK-1-1-1", false)]
    [InlineData("PF-abcdefghjk-1-1", false)]
    [InlineData("printer-1", false)]
    [InlineData("", false)]
    public void A_job_id_is_well_formed_only_in_the_shape_orders_give_it(string id, bool wellFormed) =>
        Assert.Equal(wellFormed, PrintJobSpec.IsWellFormedId(id));

    [Fact]
    public void Every_job_id_an_order_gives_is_well_formed() =>
        Assert.All(new[] { (0, 1), (99, 1000), (999, 10_000) }, at => Assert.True(PrintJobSpec.IsWellFormedId(PrintJobSpec.IdFor("PF-ABCDEFGHJK", at.Item1, at.Item2))));
}
