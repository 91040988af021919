using DermLens.Data;

namespace DermLens.Tests.Data;

public class TestSetTests
{
    static Dataset Data(IReadOnlyList<string> classes, params Sample[] samples) => new("test", "/nowhere", classes, samples);

    [Fact]
    public void Relabel_matches_classes_by_name_and_a_test_set_may_lack_some()
    {
        var test = Data(["mel", "bcc"], new Sample("a", 0, "x"), new Sample("b", 1, "x"));

        var samples = TestSet.Relabel(test, ["akiec", "bcc", "mel", "nv"], "holdout");

        Assert.Equal([2, 1], samples.Select(s => s.Label));
        Assert.Equal(["a", "b"], samples.Select(s => s.Id));
    }

    [Fact]
    public void Relabel_names_the_data_and_the_class_the_training_data_lacks()
    {
        var test = Data(["mel", "mole"], new Sample("a", 0, "x"), new Sample("b", 1, "x"));

        var error = Assert.Throws<DermLensException>(() => TestSet.Relabel(test, ["mel", "nv"], "holdout"));

        Assert.StartsWith("holdout has classes the training data does not have: mole.", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Disjoint_ids_and_groups_pass()
    {
        var training = Data(["a"], new Sample("ISIC_1", 0, "x", Group: "HAM_1"), new Sample("ISIC_2", 0, "x"));
        var test = Data(["a"], new Sample("ISIC_3", 0, "x", Group: "HAM_2"), new Sample("HAM_1", 0, "x"));

        TestSet.CheckNoLeakage(training, "train", test, "test");
    }

    [Fact]
    public void A_test_image_of_a_training_lesion_is_refused_with_the_count_and_an_example()
    {
        var training = Data(["a"], new Sample("ISIC_1", 0, "x", Group: "HAM_1"), new Sample("ISIC_2", 0, "x", Group: "HAM_2"));
        var test = Data(["a"], new Sample("ISIC_7", 0, "x", Group: "HAM_3"), new Sample("ISIC_8", 0, "x", Group: "HAM_2"),
            new Sample("ISIC_9", 0, "x", Group: "HAM_2"));

        var error = Assert.Throws<DermLensException>(() => TestSet.CheckNoLeakage(training, "train-dir", test, "test-dir"));

        Assert.StartsWith("2 test images of test-dir share an image id or a group (lesion) with the training data train-dir, " +
                          "e.g. image ISIC_8 of group HAM_2;", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_test_image_with_a_training_image_id_is_refused()
    {
        var training = Data(["a"], new Sample("nv/ISIC_1.jpg", 0, "x"));
        var test = Data(["a"], new Sample("nv/ISIC_1.jpg", 0, "y"));

        var error = Assert.Throws<DermLensException>(() => TestSet.CheckNoLeakage(training, "train-dir", test, "test-dir"));

        Assert.Contains("1 test image of test-dir", error.Message);
        Assert.Contains("e.g. image nv/ISIC_1.jpg;", error.Message);
    }
}
