//! Words that say nothing about what a question is about. tantivy's English list is Lucene's
//! (33 words for documents: "the", "of"…); clients' questions are mostly "how do I", "my",
//! "can you", which would otherwise count as words an article lacks. Chinese questions wrap
//! the subject in particles and pronouns ("我的…怎么办？") the same way. Russian and German use
//! tantivy's Snowball lists, which already hold their pronouns and question words.

/// Lucene's list, then the words of asking.
pub const ENGLISH: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with", //
    "i", "me", "my", "mine", "we", "our", "us", "you", "your", "he", "she", "his", "her", "am",
    "been", "do", "does", "did", "done", "have", "has", "had", "can", "could", "would", "should",
    "may", "might", "must", "how", "what", "when", "where", "why", "which", "who", "whom", "get",
    "got", "want", "wanted", "need", "please", "hello", "hi", "hey", "thanks", "thank", "so",
    "just", "still", "yet", "about", "from", "any", "some", "again", "long", "there",
];

pub const CHINESE: &[&str] = &[
    "我",
    "我的",
    "我们",
    "你",
    "你们",
    "您",
    "他",
    "她",
    "的",
    "了",
    "吗",
    "呢",
    "吧",
    "啊",
    "是",
    "在",
    "有",
    "要",
    "想",
    "请",
    "请问",
    "能",
    "可以",
    "怎么",
    "怎么办",
    "怎样",
    "如何",
    "什么",
    "为什么",
    "哪里",
    "多少",
    "什么时候",
    "一下",
    "和",
    "就",
    "都",
    "还",
    "也",
    "把",
    "被",
    "给",
];
