using System.Reflection;

namespace PrintFarm.Tests.Architecture;

/// <summary>
/// The shape of the code, checked on the compiled assemblies: the domain is plain C#, the gateway
/// knows the cluster only through its abstractions, and every test says what it needs to run.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ProjectBoundaryTests
{
    private static readonly Assembly Domain = typeof(PrintFarm.Orders.Order).Assembly;
    private static readonly Assembly Abstractions = typeof(PrintFarm.Orders.IOrderGrain).Assembly;
    private static readonly Assembly Gateway = typeof(PrintFarm.Gateway.GatewaySetup).Assembly;

    [Fact]
    public void The_domain_uses_no_Orleans_type()
    {
        Assert.Equal("PrintFarm.Domain", Domain.GetName().Name);
        var orleans = Domain.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Orleans", StringComparison.Ordinal)).ToList();
        Assert.Empty(orleans);
    }

    [Fact]
    public void The_gateway_references_the_abstractions_and_not_the_grains_or_the_domain()
    {
        var farm = Gateway.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("PrintFarm.", StringComparison.Ordinal)).ToList();
        Assert.Contains("PrintFarm.Abstractions", farm);
        Assert.DoesNotContain("PrintFarm.Grains", farm);
        Assert.DoesNotContain("PrintFarm.Domain", farm);
        Assert.DoesNotContain("PrintFarm.Silo", farm);
    }

    [Fact]
    public void The_abstractions_hold_no_grain_implementation()
    {
        var grains = Abstractions.GetTypes().Where(t => typeof(Grain).IsAssignableFrom(t)).Select(t => t.FullName).ToList();
        Assert.Empty(grains);
    }

    [Fact]
    public void Every_test_class_carries_its_category()
    {
        var uncategorised = typeof(ProjectBoundaryTests).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttributes().Any(a => a is FactAttribute)))
            // An abstract base (a contract run by several stores) is never run itself: each class
            // that runs it names its own category, and a trait here would reach all of them.
            .Where(t => !t.IsAbstract)
            .Where(t => !t.GetCustomAttributesData().Any(a => a.AttributeType == typeof(TraitAttribute)
                && a.ConstructorArguments.Count == 2 && (string?)a.ConstructorArguments[0].Value == "Category"))
            .Select(t => t.FullName)
            .ToList();
        Assert.Empty(uncategorised);
    }
}
