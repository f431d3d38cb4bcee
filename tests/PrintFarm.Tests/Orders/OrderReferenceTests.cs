using PrintFarm.Orders;

namespace PrintFarm.Tests.Orders;

[Trait("Category", "Unit")]
public sealed class OrderReferenceTests
{
    [Fact]
    public void A_key_always_gives_the_same_well_formed_reference_and_keys_give_different_ones()
    {
        var key = "0b8f9a1e-5a77-4e1d-9d8e-3c1f2b7a9e44";
        var reference = OrderReference.ForIdempotencyKey(key);
        Assert.True(OrderReference.IsWellFormed(reference), reference);
        Assert.Equal(reference, OrderReference.ForIdempotencyKey(key));
        var many = Enumerable.Range(0, 10_000).Select(i => OrderReference.ForIdempotencyKey($"{key}-{i}")).ToHashSet();
        Assert.Equal(10_000, many.Count);
        Assert.All(many, r => Assert.True(OrderReference.IsWellFormed(r)));
    }

    [Theory]
    [InlineData("0b8f9a1e-5a77-4e1d-9d8e-3c1f2b7a9e44", true)]
    [InlineData("abcdefghijklmnop", true)]
    [InlineData("short-key", false)]
    [InlineData("sixteen chars ok", false)] // a space is not visible ASCII
    [InlineData("", false)]
    public void A_key_is_16_to_255_visible_characters(string key, bool wellFormed) =>
        Assert.Equal(wellFormed, IdempotencyKey.IsWellFormed(key));
}
