import Testing

@testable import TuoguanCore

/// Class names as the school writes them (``ClassName``).
@Suite struct ClassNameTests {
    @Test func fullWidthBracketsAndSpacesAreTheSameClass() {
        #expect(ClassName.canonical("一（1）班") == "一(1)班")
        #expect(ClassName.canonical("三年级 2 班") == "三年级2班")
        #expect(ClassName.canonical("四\u{3000}(3)班") == "四(3)班")
        #expect(ClassName.canonical("1年级1班") == "1年级1班")
    }

    @Test func byGradeThenNumber() {
        // Grades 1, 1, 1, 2, 12 by their first number (一 = 1, 十二 = 12); within grade 1 the class numbers 1, 2, 10.
        let sorted = ["十二(1)班", "二(2)班", "一(10)班", "一(2)班", "1年级1班"].sorted(by: ClassName.ordered)
        #expect(sorted == ["1年级1班", "一(2)班", "一(10)班", "二(2)班", "十二(1)班"])
        #expect(ClassName.key("二十(3)班") == (20, 3))
        #expect(ClassName.key("幼儿班") == (Int.max, Int.max))
    }
}
