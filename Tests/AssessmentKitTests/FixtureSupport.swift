import Foundation
import Testing
@testable import AssessmentKit
