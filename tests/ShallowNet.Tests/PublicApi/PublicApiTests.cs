using System.Reflection;
using System.Text;

namespace ShallowNet.Tests.PublicApi;

/// <summary>
/// The library's public surface, compared with the committed listing PublicApi/ShallowNet.Core.txt so that every
/// change to it is deliberate. On a difference the test writes the new listing beside the test binary
/// (ShallowNet.Core.received.txt) and fails; review it and copy it over the committed file.
/// </summary>
public class PublicApiTests
{
    [Fact]
    public void The_public_api_matches_the_committed_listing()
    {
        string actual = Listing(typeof(ShallowNet.Numerics.Matrix<>).Assembly);
        string expectedPath = Path.Combine(AppContext.BaseDirectory, "PublicApi", "ShallowNet.Core.txt");
        string expected = File.Exists(expectedPath) ? File.ReadAllText(expectedPath).ReplaceLineEndings("\n") : string.Empty;
        if (expected != actual)
        {
            string received = Path.Combine(AppContext.BaseDirectory, "PublicApi", "ShallowNet.Core.received.txt");
            Directory.CreateDirectory(Path.GetDirectoryName(received)!);
            File.WriteAllText(received, actual);
            var added = actual.Split('\n').Except(expected.Split('\n')).Take(10);
            var removed = expected.Split('\n').Except(actual.Split('\n')).Take(10);
            Assert.Fail($"the public API changed; review {received} and copy it to tests/ShallowNet.Tests/PublicApi/ShallowNet.Core.txt\n+ {string.Join("\n+ ", added)}\n- {string.Join("\n- ", removed)}");
        }
    }

    private static string Listing(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            lines.Add($"{Kind(type)} {Name(type)}{(type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum) ? " : " + Name(b) : string.Empty)}");
            const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var members = type.GetMembers(flags)
                .Where(m => m is not MethodInfo { IsSpecialName: true } && !(m is MethodInfo mi && mi.Name is "<Clone>$" or "Equals" or "GetHashCode" or "ToString" or "PrintMembers" or "Deconstruct"))
                .Select(Describe)
                .Order(StringComparer.Ordinal);
            lines.AddRange(members.Select(m => "    " + m));
        }

        return string.Join("\n", lines) + "\n";
    }

    private static string Kind(Type t) => t.IsEnum ? "enum" : t.IsInterface ? "interface" : t.IsValueType ? "struct" : t.IsAbstract && t.IsSealed ? "static class" : t.IsAbstract ? "abstract class" : "class";

    private static string Describe(MemberInfo m) => m switch
    {
        ConstructorInfo c => $"ctor({Parameters(c.GetParameters())})",
        MethodInfo mi => $"{(mi.IsStatic ? "static " : string.Empty)}{Name(mi.ReturnType)} {mi.Name}{(mi.IsGenericMethod ? "<" + string.Join(", ", mi.GetGenericArguments().Select(a => a.Name)) + ">" : string.Empty)}({Parameters(mi.GetParameters())})",
        PropertyInfo p => $"{(p.GetMethod?.IsStatic == true ? "static " : string.Empty)}{Name(p.PropertyType)} {p.Name} {{{(p.GetMethod?.IsPublic == true ? " get;" : string.Empty)}{(p.SetMethod?.IsPublic == true ? (p.SetMethod.ReturnParameter.GetRequiredCustomModifiers().Any(x => x.Name == "IsExternalInit") ? " init;" : " set;") : string.Empty)} }}",
        FieldInfo f => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : string.Empty)}{Name(f.FieldType)} {f.Name}",
        EventInfo e => $"event {Name(e.EventHandlerType!)} {e.Name}",
        Type nested => $"nested {Name(nested)}",
        _ => m.ToString() ?? m.Name,
    };

    private static string Parameters(ParameterInfo[] parameters) =>
        string.Join(", ", parameters.Select(p => $"{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : string.Empty)}"));

    private static string Name(Type t)
    {
        if (t.IsGenericParameter)
        {
            return t.Name;
        }

        if (t.IsArray)
        {
            return Name(t.GetElementType()!) + "[]";
        }

        if (t.IsByRef)
        {
            return "ref " + Name(t.GetElementType()!);
        }

        string name = t.Namespace is "System" or "System.Collections.Generic" or null ? t.Name : $"{t.Namespace}.{t.Name}";
        if (!t.IsGenericType)
        {
            return name;
        }

        var sb = new StringBuilder(name[..name.IndexOf('`', StringComparison.Ordinal)]);
        sb.Append('<').Append(string.Join(", ", t.GetGenericArguments().Select(Name))).Append('>');
        return sb.ToString();
    }
}
